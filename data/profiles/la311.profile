# la311: MyLA311 Service Request Data (Los Angeles Open Data): SRNumber,
# CreatedDate, ClosedDate, Owner, RequestType, Status, RequestSource (later
# years spell them in lower case, which matches as well).
#
# Working time: Monday to Friday.  rexian ships no US holiday list; give
# one with --calendar FILE (date,kind,name rows) to count them off.
calendar weekends
#
# Dates are written month first: 12/31/2017 11:59:58 PM, and in later
# years' re-saved files 1/1/20 0:05 (two-digit year, no seconds).
date-order mdy
#
# District: the council district (CD, 1 to 15).
map district=CD
#
# Cancelled requests were withdrawn or never worked: they are left out,
# counted as excluded and kept in the rejects file.
exclude status=Cancelled
# Referred Out: handed to another agency (a utility, the county); LA's part
# is done, so closed.
recode status:Referred Out=closed
# Pending: waiting on the city, so still open.
recode status:Pending=open
