"""Static files storage for production: hashed names, compressed, no missing source maps."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    """Manifest storage that ignores sourceMappingURL comments.

    NHS.UK frontend's CSS names a source map the package does not ship, which would make
    collectstatic fail with MissingFileError.
    """

    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (
                    r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
                    """@import url("%(url)s")""",
                ),
            ),
        ),
    )
    support_js_module_import_aggregation = False
