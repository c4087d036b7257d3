from valo.core.routes import component_routes, model_routes
from valo.ventures import views

urlpatterns = [
    *model_routes("", "ventures_venture", views, "Venture"),
    *component_routes("rounds", "ventures_round", views.FundingRoundEditView),
    *component_routes("involvements", "ventures_involvement", views.InvolvementEditView),
]
