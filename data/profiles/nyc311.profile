# nyc311: NYC 311 Service Requests (NYC Open Data, erm2-nwe9), downloaded
# as CSV ("Unique Key", "Created Date", ...) or from the Socrata API
# (unique_key, created_date, ...): the headers need no --map.
#
# Working time: Monday to Friday.  rexian ships no US holiday list; give
# one with --calendar FILE (date,kind,name rows) to count them off.
calendar weekends
#
# Dates are written month first (04/18/2019 09:55:45 PM), as US exports
# write them: said here, so a dump whose days are all 12 or less reads too.
date-order mdy
#
# Open, Pending, Assigned, Started and In Progress read as open and Closed
# as closed without help.  "Unspecified" says nothing about the request:
# its status follows Closed Date (closed when there is one).
recode status:Unspecified=
