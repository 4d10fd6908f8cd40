from django.urls import path

from kalm.chat.views import desk, visitor

app_name = "chat"

urlpatterns = [
    path("", visitor.start, name="start"),
    path("s/", visitor.session, name="session"),
    path("s/events", visitor.events, name="events"),
    path("s/poll", visitor.poll, name="poll"),
    path("s/typing", visitor.typing, name="typing"),
    path("s/end", visitor.end, name="end"),
    path("example/", visitor.example, name="example"),
    path("desk/", desk.queue, name="desk_queue"),
    path("desk/badge", desk.badge, name="desk_badge"),
    path("desk/<int:session_id>/", desk.conversation, name="desk_session"),
    path("desk/<int:session_id>/accept", desk.accept, name="desk_accept"),
    path("desk/<int:session_id>/events", desk.events, name="desk_events"),
    path("desk/<int:session_id>/poll", desk.poll, name="desk_poll"),
    path("desk/<int:session_id>/typing", desk.typing, name="desk_typing"),
    path("desk/<int:session_id>/end", desk.end, name="desk_end"),
]
