"""Evidence in an S3-compatible bucket, for real: the storage that ``KALM_S3_BUCKET`` configures,
against moto's S3 server on loopback (HTTP, signed requests, a real bucket).

Skipped when the s3 extra or moto is not installed (both come with ``pip install -e '.[dev]'``).
"""

from __future__ import annotations

import pytest

from kalm.channels.tests.servers import free_port
from kalm.core.tests.test_settings import _load
from kalm.dossier.evidence import evidence_attach, evidence_open
from kalm.dossier.tests.helpers import png_bytes, upload

pytest.importorskip("storages", reason="the s3 extra is not installed (pip install 'kalm[s3]')")
pytest.importorskip("moto.server", reason="moto[server] is not installed (a dev dependency)")


@pytest.fixture
def s3_server():
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="kalm-test",
        aws_secret_access_key="kalm-test-secret",
        region_name="eu-west-1",
    )
    client.create_bucket(
        Bucket="kalm-evidence", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    yield endpoint, client
    server.stop()


def test_evidence_is_stored_in_and_read_back_from_the_bucket(s3_server, settings, case, agent):
    endpoint, client = s3_server
    configured = _load(
        {
            "KALM_S3_BUCKET": "kalm-evidence",
            "KALM_S3_ENDPOINT_URL": endpoint,
            "KALM_S3_REGION": "eu-west-1",
            "KALM_S3_ACCESS_KEY_ID": "kalm-test",
            "KALM_S3_SECRET_ACCESS_KEY": "kalm-test-secret",
            "KALM_S3_PREFIX": "kalm",
        },
        'out["default"] = s.STORAGES["default"]',
    )["default"]
    settings.STORAGES = {**settings.STORAGES, "default": configured}

    data = png_bytes("green")
    evidence = evidence_attach(case=case, upload=upload("deuk.png", data), actor=agent)
    again = evidence_attach(case=case, upload=upload("deuk-2.png", data), actor=agent)

    listed = client.list_objects_v2(Bucket="kalm-evidence")["Contents"]
    # The same bytes twice are one object, under the prefix, named by their hash.
    assert [o["Key"] for o in listed] == [f"kalm/{evidence.storage_path}"]
    assert again.storage_path == evidence.storage_path
    assert not (settings.MEDIA_ROOT / "evidence").exists()
    head = client.head_object(Bucket="kalm-evidence", Key=listed[0]["Key"])
    assert head["ContentLength"] == len(data)
    with evidence_open(evidence) as fh:
        assert fh.read() == data
    acl = client.get_object_acl(Bucket="kalm-evidence", Key=listed[0]["Key"])
    assert [g["Permission"] for g in acl["Grants"]] == ["FULL_CONTROL"]  # owner only
