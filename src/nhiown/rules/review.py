"""Review rules: every identity is looked at again, on time."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, later, rule
from nhiown.schedule import review_deadline


@rule("REV001", "review-overdue", Severity.ERROR, owasp="NHI1")
def review_overdue(subject: Subject) -> Iterator[Hit]:
    """The next review date has passed.

    ## What it does
    Fires when today is after `review.next`, or, when `review.next` is absent,
    after `review.last` plus the tier's `review_interval`. The due date itself
    is still on time.

    ## Why is this bad?
    Reviews are when someone confirms the identity is still needed, still owned
    and still scoped right. A skipped review is how identities outlive their
    workflow (OWASP NHI1).

    ## Example
    ```yaml
    review: {last: 2026-01-10, next: 2026-04-10}   # today 2026-12-03
    ```

    ## Use instead
    ```yaml
    review: {last: 2026-12-01, next: 2027-03-01, by: carol@example.com}
    ```
    Record a review with `nhiown review ID --by EMAIL`.
    """
    deadline = review_deadline(subject.identity, subject.policy)
    if deadline is None or subject.today <= deadline.date:
        return
    when = later(deadline.date, subject.today)
    if deadline.derived:
        interval = subject.interval(subject.policy.review_interval)
        message = (
            f"review was due {deadline.date} ({when}): last review"
            f" {subject.identity.review.last if subject.identity.review else ''}"
            f" + {interval}"
        )
    else:
        message = f"review was due {deadline.date} ({when})"
    yield Hit(deadline.path, message)


@rule("REV002", "review-missing", Severity.ERROR, owasp="NHI1")
def review_missing(subject: Subject) -> Iterator[Hit]:
    """The identity has never been reviewed and has no review planned.

    ## What it does
    Fires when neither `review.last` nor `review.next` is set.

    ## Why is this bad?
    An identity that nobody is due to look at will not be looked at.

    ## Example
    ```yaml
    - id: billing-deployer
      risk_tier: high
    ```

    ## Use instead
    ```yaml
    - id: billing-deployer
      risk_tier: high
      review: {next: 2027-01-15}
    ```
    """
    review = subject.identity.review
    if review is None or (review.last is None and review.next is None):
        yield Hit(("review",), "no review.last and no review.next")


@rule("REV003", "review-interval-too-long", Severity.WARNING, owasp="NHI1")
def review_interval_too_long(subject: Subject) -> Iterator[Hit]:
    """The planned review is further out than the tier allows.

    ## What it does
    Fires when `review.next - review.last` exceeds the tier's
    `policy.review_interval` (critical 30d, high 90d, medium 180d, low 365d
    by default).

    ## Why is this bad?
    Pushing the next review far out is the quiet way to skip reviews.

    ## Example
    ```yaml
    risk_tier: high
    review: {last: 2026-06-01, next: 2027-06-01}
    ```

    ## Use instead
    ```yaml
    risk_tier: high
    review: {last: 2026-06-01, next: 2026-08-30}
    ```
    """
    review = subject.identity.review
    interval = subject.interval(subject.policy.review_interval)
    if review is None or review.last is None or review.next is None or not interval:
        return
    limit = interval.after(review.last)
    if review.next > limit:
        yield Hit(
            ("review", "next"),
            f"next review {review.next} is more than {interval} after the last"
            f" ({review.last}); {subject.identity.risk_tier} tier allows up to {limit}",
        )


RULES = [review_overdue, review_missing, review_interval_too_long]
