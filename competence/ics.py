"""Calendar files (.ics) for training sessions, built with the icalendar package."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress


def activity_ics(activity, *, method: str = "PUBLISH", attendee=None) -> bytes:
    """The session as one calendar event. ``method`` is PUBLISH for a download,
    REQUEST for an update emailed to participants and CANCEL for a cancellation
    (RFC 5546); the UID stays the same and SEQUENCE is the session's, so a calendar
    replaces or removes the event it already has instead of adding another."""
    calendar = Calendar()
    calendar.add("prodid", "-//Vuxportal//Kompetens//SV")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    # A stable UID, so re-downloading updates the same calendar entry.
    event.add("uid", f"training-{activity.pk}@vuxportal")
    event.add("sequence", activity.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", activity.starts_at)
    event.add("dtend", activity.ends_at)
    event.add("summary", activity.title)
    event.add("status", "CANCELLED" if activity.cancelled_at else "CONFIRMED")
    if activity.description:
        event.add("description", activity.description)
    location = activity.place or activity.online_url
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + activity.get_absolute_url())
    if method != "PUBLISH":
        # REQUEST and CANCEL name the organiser and the attendee, or calendars such as
        # Outlook do not match the message to the event they hold.
        organiser = vCalAddress(f"mailto:{activity.organiser.email}")
        organiser.params["cn"] = activity.organiser.display_name
        event.add("organizer", organiser)
        if attendee is not None:
            event.add("attendee", vCalAddress(f"mailto:{attendee.email}"))
    calendar.add_component(event)
    return calendar.to_ical()
