"""What finishing a workflow does (`settings.WAGTAIL_FINISH_WORKFLOW_ACTION`): publish the approved revision.

On this platform nobody publishes a page under a workflow by hand (permissions.py): the last approval of the
sign-off chain is the permission to publish, so the approver's page permissions are not asked again. Kept free of
imports: Wagtail resolves this path while its own models load.
"""


def publish_signed_off(workflow_state, user=None) -> None:
    """Publish (or schedule, with a go-live date) the latest revision, as the one who gave the last approval."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
