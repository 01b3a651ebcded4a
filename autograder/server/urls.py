"""The server's URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from autograder.server.courses import staff, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("code/", views.code_login, name="code"),
    path("code/<str:username>/<str:code>/", views.code_login, name="code_link"),
    path("password/", views.set_password, name="password"),
    path("token/", views.new_token, name="token"),
    path("ex/<str:exercise_id>/", views.exercise_page, name="exercise"),
    path("ex/<str:exercise_id>/upload/", views.upload, name="upload"),
    path("sub/<int:sub_id>/", views.submission, name="submission"),
    path("sub/<int:sub_id>/status/", views.status, name="status"),
    path("api/submit/<str:exercise_id>/", views.api_submit, name="api_submit"),
    path("api/status/<int:sub_id>/", views.api_status, name="api_status"),
    path("healthz/", views.healthz, name="healthz"),
    path("static/nnkit-ko.woff", views.font, name="font"),
    path("staff/", staff.overview, name="staff"),
    path("staff/roster/", staff.roster, name="roster"),
    path("staff/ex/<str:exercise_id>/", staff.class_table, name="class_table"),
    path("staff/ex/<str:exercise_id>/rules/", staff.edit_rule, name="edit_rule"),
    path("staff/ex/<str:exercise_id>/regrade/", staff.regrade, name="regrade"),
    path("staff/ex/<str:exercise_id>/download/<str:name>", staff.download, name="download"),
    path("staff/student/<str:student_id>/", staff.student_history, name="student_history"),
    path("staff/student/<str:student_id>/code/", staff.student_code, name="student_code"),
    path("staff/student/<str:student_id>/extension/", staff.extension, name="extension"),
    path("staff/sub/<int:sub_id>/file", staff.submission_file, name="submission_file"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
