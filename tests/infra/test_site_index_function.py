"""The CloudFront viewer-request function that maps MkDocs' directory URLs onto S3 keys, run
in Node (close to CloudFront's JavaScript runtime). Skipped only where Node is not installed."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

CASES = [
    ("/", {}, {"uri": "/index.html"}),
    ("/en/", {}, {"uri": "/en/index.html"}),
    ("/assets/app.js", {}, {"uri": "/assets/app.js"}),
    ("/status", {"no": {"value": "SY-1"}, "token": {"value": "a%2Bb"}},
     {"statusCode": 301, "location": "/status/?no=SY-1&token=a%2Bb"}),
    ("/en/guides", {}, {"statusCode": 301, "location": "/en/guides/"}),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed on this machine")
@pytest.mark.parametrize("uri, query, expected", CASES)
def test_directory_urls_reach_index_html_and_links_keep_their_query(resources_template, uri, query, expected):
    code = resources_template["Resources"]["SiteIndexFunction"]["Properties"]["FunctionCode"]
    event = {"request": {"uri": uri, "querystring": query, "headers": {}}}
    script = code + f"\nconsole.log(JSON.stringify(handler({json.dumps(event)})));"
    out = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    if "statusCode" in expected:
        assert out["statusCode"] == expected["statusCode"]
        assert out["headers"]["location"]["value"] == expected["location"]
    else:
        assert out["uri"] == expected["uri"]
