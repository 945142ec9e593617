"""Static-file storage for production: WhiteNoise's compressed, hashed files.

Source-map comments in JavaScript are left as they are instead of being rewritten to hashed
names: XStatic's Leaflet.markercluster ships `leaflet.markercluster.js` pointing at a map it
does not ship, which made `collectstatic` fail (only developer tools ever ask for a map).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple((extension, ()) if extension == "*.js" else (extension, rules)
                     for extension, rules in CompressedManifestStaticFilesStorage.patterns)
