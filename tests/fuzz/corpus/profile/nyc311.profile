# nyc311: NYC 311 Service Requests (NYC Open Data, erm2-nwe9), downloaded
# as CSV ("Unique Key", "Created Date", ...) or from the Socrata API
# (unique_key, created_date, ...): the headers need no --map.
#
# Working time: Monday to Friday.  rexian ships no US holiday list; give
# one with --calendar FILE (date,kind,name rows) to count them off.
calendar weekends
#
# Open, Pending, Assigned, Started and In Progress read as open and Closed
# as closed without help.  "Unspecified" says nothing about the request:
# its status follows Closed Date (closed when there is one).
recode status:Unspecified=
