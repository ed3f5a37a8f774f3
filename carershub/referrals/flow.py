"""The statuses of a referral and the only moves between them (decision 36). No Django here.

    sent ──(the receiver first opens it)──> received ──> accepted ──> completed (outcome required)
      │                                        │
      │                                        └──> declined (reason required)
      └──> accepted / declined (a receiver may decide without opening the page first)
    sent, received ──(the sender)──> withdrawn

Who may take each move: the receiving organisation receives, accepts, declines and completes; the
sending organisation withdraws, and only before the referral is accepted.
"""

SENT = "sent"
RECEIVED = "received"
ACCEPTED = "accepted"
DECLINED = "declined"
COMPLETED = "completed"
WITHDRAWN = "withdrawn"
STATUSES = (SENT, RECEIVED, ACCEPTED, DECLINED, COMPLETED, WITHDRAWN)

RECEIVER = "receiver"
SENDER = "sender"

# (from, to) -> the side that may make the move.
MOVES = {
    (SENT, RECEIVED): RECEIVER,
    (SENT, ACCEPTED): RECEIVER,
    (SENT, DECLINED): RECEIVER,
    (RECEIVED, ACCEPTED): RECEIVER,
    (RECEIVED, DECLINED): RECEIVER,
    (ACCEPTED, COMPLETED): RECEIVER,
    (SENT, WITHDRAWN): SENDER,
    (RECEIVED, WITHDRAWN): SENDER,
}
# A move to these needs words: the decline's reason, the outcome.
NEEDS_WORDS = {DECLINED: "decline_reason", COMPLETED: "outcome"}

WAITING = (SENT, RECEIVED)  # not yet accepted: these can be overdue
OPEN_ACCESS = (ACCEPTED, COMPLETED)  # with consent, these give the receiver the shared summary
FINISHED = (DECLINED, COMPLETED, WITHDRAWN)


def allowed(current: str, to: str, side: str) -> bool:
    return MOVES.get((current, to)) == side


def next_moves(current: str, side: str) -> list[str]:
    return [to for (frm, to), who in MOVES.items() if frm == current and who == side and to != RECEIVED]
