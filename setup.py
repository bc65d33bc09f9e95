"""Build hook: ship the top-level corpora/ and prompts/ folders inside the installed package.

They live at the top of the repository (where people edit them), so a plain package-data
rule cannot reach them; this copies them into ``assistant/_data`` of every build.
"""
import pathlib
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = pathlib.Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        for name in ("corpora", "prompts"):
            target = pathlib.Path(self.build_lib) / "assistant" / "_data" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target)


setup(cmdclass={"build_py": BuildPyWithData})
