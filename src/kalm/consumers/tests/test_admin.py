from kalm.consumers.actions import consumer_find_or_create, merge_propose


def test_the_consumer_admin_lists_open(admin_client):
    a = consumer_find_or_create(name="Anna", email="anna@example.nl")
    b = consumer_find_or_create(name="Bram", email="bram@example.nl")
    merge_propose(a=a, b=b, reason="gedeeld nummer")
    assert admin_client.get("/admin/consumers/consumer/?q=anna@").status_code == 200
    body = admin_client.get("/admin/consumers/consumermergeproposal/").content.decode()
    assert "gedeeld nummer" in body
