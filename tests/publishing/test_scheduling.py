"""Scheduled publishing and unpublishing with Wagtail's go_live_at / expire_at and `publish_scheduled`."""

from __future__ import annotations

import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from gongkai.publishing.models import InformationItemPage

from .conftest import act, person


def _through_the_chain(world, item):
    act(item, person(world, "section_head"))
    act(item, person(world, "confidentiality_reviewer"), conclusion="publishable")
    act(item, person(world, "principal_leader"))


def test_approved_item_goes_live_at_its_scheduled_time(world, add_item):
    go_live = timezone.now() + datetime.timedelta(days=2)
    author = person(world, "staff")
    item = add_item(user=author)
    item.go_live_at = go_live
    item.save_revision(user=author)
    item.get_workflow().start(item, author)
    _through_the_chain(world, item)
    item = InformationItemPage.objects.get(pk=item.pk)
    assert not item.live
    assert item.get_latest_revision().approved_go_live_at is not None
    call_command("publish_scheduled")
    assert not InformationItemPage.objects.get(pk=item.pk).live
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        item = InformationItemPage.objects.get(pk=item.pk)
        assert item.live
        assert item.published_on == timezone.localdate(go_live)


def test_expired_item_is_unpublished(world, add_item):
    author = person(world, "staff")
    item = add_item(user=author)
    item.expire_at = timezone.now() + datetime.timedelta(days=30)
    item.save_revision(user=author)
    item.get_workflow().start(item, author)
    _through_the_chain(world, item)
    assert InformationItemPage.objects.get(pk=item.pk).live
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        call_command("publish_scheduled")
    item = InformationItemPage.objects.get(pk=item.pk)
    assert not item.live
    assert item.expired
