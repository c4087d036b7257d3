"""The one compiled module of valo: the INPI ST.36 reader's walk of lxml's tree
(valo/officedata/readers/st36.pyx), built against lxml's public C API. Everything else about the
package is in pyproject.toml."""

import lxml
from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "valo.officedata.readers.st36",
            ["valo/officedata/readers/st36.pyx"],
            include_dirs=lxml.get_include(),
        )
    ]
)
