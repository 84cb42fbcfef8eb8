"""The public and citizen pages of petitions (the back-office's are in petitions/backoffice/)."""

from django.urls import path

from petitions import exports, feeds
from petitions.views import citizen, public
from petitions.views import figures as figure_views

app_name = "petitions"

urlpatterns = [
    path("", public.petition_list, name="list"),
    # Before the petition's page: its slug would take these words.
    path("new/", citizen.new, name="new"),
    path("mine/", citizen.mine, name="mine"),
    # The list's feeds and open data, and the figures by addressee.
    path("feed.rss", feeds.PetitionsRss(), name="feed_rss"),
    path("feed.atom", feeds.PetitionsAtom(), name="feed_atom"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.json", exports.export_json, name="export_json"),
    path("figures/", figure_views.petition_figures, name="figures"),
    path("methodology/", figure_views.methodology, name="methodology"),
    path("<slug:slug>/sign/", citizen.sign, name="sign"),
    path("<slug:slug>/withdraw/", citizen.withdraw, name="withdraw"),
    path("<slug:slug>/signers/", public.petition_signers, name="signers"),
    path("<slug:slug>/files/<int:pk>/", public.petition_file, name="file"),
    path("<slug:slug>/", public.petition_detail, name="detail"),
]
