from django.shortcuts import render

from motcua.pagecache import anonymous_page


@anonymous_page
def home(request):
    return render(request, "home.html")
