from django.urls import path

from valo.core.routes import model_routes
from valo.inventions.views import assets, inventions, steps

urlpatterns = [
    *model_routes("", "inventions_invention", inventions, "Invention", add_segment="declare"),
    path("mine/", inventions.MyInventionsView.as_view(), name="inventions_mine"),
    path("queue/", inventions.work_queue, name="inventions_queue"),
    path("<int:pk>/step/<slug:name>/", steps.transition, name="inventions_transition"),
    path("meetings/<int:pk>/", steps.assessment_detail, name="inventions_assessment_detail"),
    path("meetings/<int:pk>/cancel/", steps.assessment_cancel, name="inventions_assessment_cancel"),
    path("<int:pk>/clocks/<slug:clock>/close/", steps.clock_close, name="inventions_clock_close"),
    *model_routes("software", "inventions_software", assets, "Software"),
    *model_routes("know-how", "inventions_knowhow", assets, "KnowHow"),
]
