#!/usr/bin/env python3
# Packages a release build (dist/, built for the root "/") as a SCORM 1.2 package for learning
# platforms: `cargo xtask package-scorm` runs it. The package is the same static site with
#   * relative paths (an LMS serves it under a path nobody knows at build time): the root page
#     gets <base href="./">, each per-mode copy <base href="../">, and the asset URLs Trunk wrote
#     as "/name" become "./name" (resolved against that base);
#   * the Content-Security-Policy recomputed for the rewritten inline loader (still no inline
#     script except Trunk's loader by hash);
#   * scorm.js, which reports the course score and completion to the LMS's SCORM 1.2 API when
#     the host provides one and does nothing otherwise (crates/xtask/scorm.js);
#   * imsmanifest.xml at the root, naming index.html as the one SCO.
# Usage: scorm-package.py DIST OUT_DIR ZIP_PATH
import base64
import hashlib
import html
import os
import re
import shutil
import sys
import zipfile

dist, out_dir, zip_path = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))

if not os.path.isfile(os.path.join(dist, "index.html")):
    sys.exit(f"{dist}/index.html is missing: build the site first (cargo xtask build).")
root_html = open(os.path.join(dist, "index.html"), encoding="utf-8").read()
if '<base href="/" />' not in root_html:
    sys.exit(f"{dist} was not built for the root \"/\" (its <base> differs): build it with `cargo xtask build`.")

if os.path.exists(out_dir):
    shutil.rmtree(out_dir)
# 404.html is for static hosts' unknown paths (an LMS never serves it); the README's screenshots
# are not part of the course.
def leave_out(folder, names):
    rel = os.path.relpath(folder, dist).replace(os.sep, "/")
    return {".": ["404.html"], "public": ["screenshots"]}.get(rel, [])


shutil.copytree(dist, out_dir, ignore=leave_out)


def csp_hash(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def rewrite(page, base):
    # Absolute asset URLs -> relative to <base>; module specifiers must start with "./".
    page = page.replace('<base href="/" />', f'<base href="{base}" />', 1)
    page = re.sub(r'(href|src)="/(?!/)', r'\1="./', page)
    page = re.sub(r"(from |module_or_path: )'/(?!/)", r"\1'./", page)
    # The policy names the loader by its hash; the loader changed, so the hash does too.
    scripts = re.findall(r'<script type="module">(.*?)</script>', page, re.S)
    hashes = " ".join(csp_hash(s) for s in scripts)
    page, count = re.subn(r"'sha256-[A-Za-z0-9+/=]+'(?: 'sha256-[A-Za-z0-9+/=]+')*", hashes, page, count=1)
    if count != 1:
        sys.exit("The release build's Content-Security-Policy was not found in index.html.")
    # The adapter runs before the app (deferred scripts and modules run in document order), so it
    # hears the app's first progress report.
    tag = '<script src="./scorm.js" defer></script>\n'
    page = page.replace('<script type="module">', tag + '<script type="module">', 1)
    if tag not in page:
        sys.exit("Trunk's loader script was not found in index.html.")
    return page


pages = []
for folder, _dirs, files in os.walk(out_dir):
    for name in files:
        if name.endswith(".html"):
            path = os.path.join(folder, name)
            depth = os.path.relpath(path, out_dir).count(os.sep)
            text = open(path, encoding="utf-8").read()
            if '<base href="/" />' not in text:
                continue
            open(path, "w", encoding="utf-8").write(rewrite(text, "./" if depth == 0 else "../" * depth))
            pages.append(path)
if not pages:
    sys.exit("No page of the build could be rewritten.")

shutil.copyfile(os.path.join(here, "scorm.js"), os.path.join(out_dir, "scorm.js"))

files = []
for folder, _dirs, names in os.walk(out_dir):
    for name in names:
        files.append(os.path.relpath(os.path.join(folder, name), out_dir).replace(os.sep, "/"))

# The service worker's cache is named by a hash of what it caches; the package's files differ
# from the plain build's, so its cache gets its own name.
sw = os.path.join(out_dir, "sw.js")
if os.path.isfile(sw):
    digest = hashlib.sha256()
    for rel in sorted(files):
        if rel != "sw.js":
            with open(os.path.join(out_dir, rel), "rb") as f:
                digest.update(rel.encode() + b"\0" + f.read())
    code = open(sw, encoding="utf-8").read()
    code = re.sub(r"const VERSION = '[^']*';", f"const VERSION = 'scorm-{digest.hexdigest()[:16]}';", code, count=1)
    open(sw, "w", encoding="utf-8").write(code)

title = html.unescape(re.search(r"<title>(.*?)</title>", root_html, re.S).group(1).strip())
file_list = "\n".join(f'        <file href="{html.escape(rel, quote=True)}"/>' for rel in sorted(files))
manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- SCORM 1.2 package of the course, written by crates/xtask/scorm-package.py. -->
<manifest identifier="mlops-scaling-course" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{html.escape(title)}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{html.escape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
{file_list}
    </resource>
  </resources>
</manifest>
"""
open(os.path.join(out_dir, "imsmanifest.xml"), "w", encoding="utf-8").write(manifest)

os.makedirs(os.path.dirname(os.path.abspath(zip_path)), exist_ok=True)
with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
    for rel in ["imsmanifest.xml"] + sorted(files):
        archive.write(os.path.join(out_dir, rel), rel)
size = os.path.getsize(zip_path)
print(f"SCORM 1.2 package: {zip_path} ({size / 1024:.0f} KB, {len(files) + 1} files); unpacked in {out_dir}")
