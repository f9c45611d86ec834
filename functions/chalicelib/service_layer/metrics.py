"""Counts of the dispatcher's outcomes as CloudWatch embedded-metric log lines: in AWS each line
becomes a data point of Portal/Notifications (MessagesSent, MessagesRetried, MessagesFailed),
so a message that failed for good is counted where an alarm can watch it."""
from __future__ import annotations

import json
import sys
import time

_NAMES = {"sent": "MessagesSent", "retry": "MessagesRetried", "failed": "MessagesFailed",
          "fallback": "MessagesFellBack"}


def emit(outcome: str, channel: str) -> None:
    name = _NAMES[outcome]
    line = {"_aws": {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [
        {"Namespace": "Portal/Notifications", "Dimensions": [["Channel"]],
         "Metrics": [{"Name": name, "Unit": "Count"}]}]},
        "Channel": channel, name: 1}
    print(json.dumps(line), file=sys.stdout, flush=True)
