"""``import gepnet_widgets`` is cheap: each public name's module loads on first use (PEP 562)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import gepnet_widgets


def _modules_after(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; {code}; import json; "
         "print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.splitlines()[-1])


def test_importing_the_package_loads_no_tool():
    loaded = _modules_after("import gepnet_widgets")
    assert "gepnet_widgets" in loaded
    assert not [m for m in loaded if m.startswith("gepnet_widgets.")]
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded


def test_a_lesson_loads_only_the_tools_it_names():
    loaded = _modules_after("from gepnet_widgets import CountingLab, who_grade")
    assert "gepnet_widgets.widgets.grading" in loaded
    for other in ("gepnet_widgets.widgets.tnm", "gepnet_widgets.widgets.treatment",
                  "gepnet_widgets.widgets.report", "gepnet_widgets.reading",
                  "gepnet_widgets.widgets.cases", "gepnet_widgets.widgets.syndromes"):
        assert other not in loaded, other


@pytest.mark.parametrize("name", gepnet_widgets.__all__)
def test_every_public_name_resolves_from_its_module(name):
    value = getattr(gepnet_widgets, name)
    module = f"gepnet_widgets.{gepnet_widgets._LAZY[name]}"
    assert value.__module__ == module or value.__module__.startswith(module + ".")
    assert name in dir(gepnet_widgets)


def test_all_and_the_lazy_map_name_the_same_tools():
    assert sorted(gepnet_widgets.__all__) == sorted(gepnet_widgets._LAZY)


def test_every_module_of_the_map_is_imported_by_a_plain_statement():
    for key in set(gepnet_widgets._LAZY.values()):
        assert gepnet_widgets._module(key).__name__ == f"gepnet_widgets.{key}"
    with pytest.raises(AttributeError):
        gepnet_widgets._module("os")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchExplorer"):
        gepnet_widgets.NoSuchExplorer  # noqa: B018
    with pytest.raises(ImportError):
        from gepnet_widgets import NoSuchExplorer  # noqa: F401
