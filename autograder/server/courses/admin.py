from django.contrib import admin

from autograder.server.courses.models import Audit, CourseRule, Extension, Student

admin.site.register(Student)
admin.site.register(CourseRule)
admin.site.register(Extension)
admin.site.register(Audit)
