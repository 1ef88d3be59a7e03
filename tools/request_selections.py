"""The selections of a request (helpdesk.ticket), shared by the models, wizards and portal that
list the same kinds, urgencies, areas and severities."""

REQUEST_KINDS = [
    ("basic", "Basic Service"),
    ("repair", "Repair"),
    ("special", "Special Service"),
    ("dispute", "Dispute Mediation"),
    ("consultation", "Consultation"),
    ("suggestion", "Suggestion"),
    ("parcel", "Parcel / Mail"),
    ("complaint", "Complaint"),
]
URGENCIES = [("general", "General"), ("urgent", "Urgent")]
AREA_SCOPES = [("private", "Private Unit"), ("common", "Common Area")]
SEVERITIES = [
    ("minor", "Minor"),
    ("general", "General"),
    ("major", "Major"),
    ("invalid", "Invalid"),
]
# Escalation order of the valid severities (an invalid complaint is out of the chain).
SEVERITY_LADDER = ["minor", "general", "major"]
CAUSE_CLASSES = [
    ("class_1", "Class 1: Own Management or Service"),
    ("class_2", "Class 2: Housing Quality"),
    ("class_3", "Class 3: Outside the Planning Red Line"),
]
