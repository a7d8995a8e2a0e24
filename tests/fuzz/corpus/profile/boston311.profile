# boston311: Boston 311 Service Requests (Analyze Boston): case_enquiry_id,
# open_dt, target_dt, closed_dt, case_status, department, type, source,
# neighborhood.
#
# Working time: Monday to Friday.  rexian ships no US holiday list; give
# one with --calendar FILE (date,kind,name rows) to count them off.
calendar weekends
#
# target_dt is the date the city set itself for the case: taken as due, so
# on_time says whether the case closed by then.  (Cases without one have
# no due, and on_time stays empty.)
map due=target_dt
#
# "type" is what was asked for ("Request for Pothole Repair"): a category,
# not a 咨询/投诉 kind of request.
map category=type
