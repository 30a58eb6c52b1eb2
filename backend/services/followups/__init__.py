"""What a customer asks for about an incident besides the fault itself: complaints and
call-back requests (issue 13 §3)."""
