"""The security groups the code names (each includes the roles above it, see the groups file)."""

_G = "property_service_desk.group_property_"
DESK = _G + "agent"  # agents, business managers, engineering leads and every manager above
MANAGERS = _G + "business_manager"
TECHNICIAN = _G + "technician"  # technicians, engineering leads, administrators
ENGINEERING_LEAD = _G + "engineering_lead"
ACCOUNTANT = _G + "accountant"
BUSINESS_SUPERVISOR = _G + "business_supervisor"  # and the project managers and above
PROJECT_MANAGER = _G + "project_manager"
CENTRE_MANAGER = _G + "centre_manager"
BUSINESS_CLERK = _G + "business_clerk"  # the business centre (商务中心): lending, services
PORTAL = "base.group_portal"
STAFF = "base.group_user"
