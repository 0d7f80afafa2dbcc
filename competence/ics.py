"""Calendar files (.ics) for training sessions, built with the icalendar package."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def activity_ics(activity) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Vuxportal//Kompetens//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    # A stable UID, so re-downloading updates the same calendar entry.
    event.add("uid", f"training-{activity.pk}@vuxportal")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", activity.starts_at)
    event.add("dtend", activity.ends_at)
    event.add("summary", activity.title)
    if activity.description:
        event.add("description", activity.description)
    location = activity.place or activity.online_url
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + activity.get_absolute_url())
    calendar.add_component(event)
    return calendar.to_ical()
