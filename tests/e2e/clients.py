"""People talking to the real stack over its channels, and the backend API as agents see it.

Every client keeps what it said and heard so that a failing assertion prints the whole
conversation. Provider channels answer asynchronously (the bot is asked in the
background and its replies are delivered by the outbox worker, or by SMTP for mail), so
replies are waited for: at least one new message, then a short quiet period.

An :class:`EmailUser` writes into the desk's real IMAP mailbox (what the customer's mail
server would deliver) and reads the gateway's replies from the real SMTP server; each
mail after the first answers the bot's last reply as a mail client does (``Re:``
subject, In-Reply-To/References, the reply quoted below the customer's words).
"""

from __future__ import annotations

import json
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parsedate_to_datetime
from typing import Any, TypeVar

from channels.core.language import detect
from tests.e2e.conftest import MailServers, Stack
from tests.fakes.telegram_api import callback_update, photo_update, text_update
from tests.mailservers.smtp import Received

INCIDENT = re.compile(r"INC-\d{5,}")
# The bot's own words when it files a report: created, or merged into an open incident.
# (Other messages name incidents too, e.g. maintenance visits offered to the customer.)
# SMS texts lose the accents GSM-7 lacks ("está" → "esta").
FILED = re.compile(r"(?:I've registered|He registrado la incidencia|already open as|"
                   r"ya est[aá] abierto como) (INC-\d{5,})")
CODE = re.compile(r"\b(\d{6})\b")
PART = re.compile(r"\s\(\d+/\d+\)$")  # "… (1/3)": one part of a split SMS
CHOICE = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)

REPLY_TIMEOUT = 45.0
QUIET = 0.8
T = TypeVar("T")


def http(method: str, url: str, token: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def api(stack: Stack, method: str, path: str, body: Any = None, role: str = "ADMIN") -> Any:
    """The backend API with the ``AVISA_TOKEN_<role>`` token."""
    return http(method, f"{stack.backend}{path}", stack.tokens[f"AVISA_TOKEN_{role}"], body)


def api_status(stack: Stack, method: str, path: str, body: Any = None,
               role: str = "ADMIN") -> tuple[int, Any]:
    try:
        return 200, api(stack, method, path, body, role)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def wait_until(what: str, probe: Any, timeout: float = 30.0, every: float = 0.3) -> Any:
    """Calls ``probe()`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


def settled(what: str, items: Callable[[], Sequence[T]], seen: int,
            timeout: float = REPLY_TIMEOUT) -> list[T]:
    """The items after the first ``seen``, once there is at least one and no other has come
    for ``QUIET`` seconds (a reply may be several messages)."""
    wait_until(what, lambda: len(items()) > seen, timeout=timeout)
    count = len(items())
    while True:
        time.sleep(QUIET)
        if len(items()) == count:
            return list(items()[seen:])
        count = len(items())


# --- one-time codes -------------------------------------------------------------------
def one_time_code(stack: Stack, address: str, since: datetime) -> str:
    """The 6-digit code sent to ``address`` after ``since``: in the dev outbox (demo mode,
    channels without a sender), mailed for real through the stack's SMTP server, or sent
    for real through the Telegram or Twilio fake."""
    providers = stack.providers
    assert providers is not None

    def probe() -> str | None:
        outbox = http("GET", f"{stack.gateway}/dev/outbox.json", stack.tokens["AVISA_TOKEN_REST"])
        for item in outbox["items"]:
            sent = datetime.fromisoformat(item["created_at"])
            if item["address"] == address and item["kind"] == "otp" and sent >= since:
                return _code(item["text"])
        for received in reversed(stack.mail.smtp.inbox.to(address) if stack.mail else []):
            mailed = parsedate_to_datetime(str(received.message["Date"]))
            if mailed >= since.replace(microsecond=0) and CODE.search(plain(received.message)):
                return _code(plain(received.message))
        for message in reversed(providers.twilio.messages):
            if message["to"] == address and CODE.search(message["body"]):
                # the fake Twilio keeps real time; ``since`` is the stack's
                sent = datetime.strptime(message["date_created"], "%a, %d %b %Y %H:%M:%S GMT")
                real_since = since - stack.clock_offset
                if sent.replace(tzinfo=UTC) >= real_since.replace(microsecond=0):
                    return _code(message["body"])
        for params in reversed(providers.telegram.sent()):
            if str(params.get("chat_id")) == address and CODE.search(str(params.get("text"))):
                return _code(str(params["text"]))
        return None

    code: str = wait_until(f"a one-time code for {address}", probe, timeout=20)
    return code


def _code(text: str) -> str:
    match = CODE.search(text)
    assert match, text
    return match.group(1)


# --- channels -------------------------------------------------------------------------
@dataclass
class Person:
    """What all channels share: the transcript and the form-filling loop."""

    stack: Stack
    said: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)

    def say(self, text: str) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def choose(self, replies: list[str], title_part: str) -> list[str]:  # pragma: no cover
        raise NotImplementedError

    def titles(self, replies: list[str]) -> list[str]:  # pragma: no cover
        raise NotImplementedError

    def transcript(self) -> str:
        lines = []
        for n, text in enumerate(self.heard):
            lines.append(f"  bot[{n}]: {text}")
        return "said: " + " | ".join(self.said) + "\nheard:\n" + "\n".join(lines)

    def incident_id(self) -> str | None:
        """The incident the bot last said it filed this person's report under."""
        found = FILED.findall("\n".join(self.heard))
        return found[-1] if found else None

    def report(self, text: str, serial: str, urgency: tuple[str, ...] = ("High", "Alta"),
               ) -> list[str]:
        """Says ``text`` and answers the form's questions (which machine, urgency) until the
        bot names an incident or asks something else; returns the last replies."""
        replies = self.say(text)
        return self.answer_form(replies, serial, urgency)

    def answer_form(self, replies: list[str], serial: str,
                    urgency: tuple[str, ...] = ("High", "Alta")) -> list[str]:
        for _ in range(5):
            joined = "\n".join(replies)
            if FILED.search(joined):
                return replies
            titles = self.titles(replies)
            if any(serial in t for t in titles):
                replies = self.choose(replies, serial)
            elif any(t.startswith(urgency) for t in titles):
                wanted = next(t for t in titles if t.startswith(urgency))
                replies = self.choose(replies, wanted)
            elif re.search(r"serial|serie", joined, re.IGNORECASE):
                replies = self.say(serial)
            else:
                raise AssertionError(f"unexpected question:\n{self.transcript()}")
        raise AssertionError(f"no incident after five answers:\n{self.transcript()}")


@dataclass
class TelegramUser(Person):
    user_id: int = 0
    language_code: str = "es"
    first_name: str = "Ana"
    username: str | None = None  # the Telegram @username (without "@"), if the user has one
    seen: int = 0  # sendMessage calls to this chat already read
    updates: list[dict[str, Any]] = field(default_factory=list)
    last_markup: list[dict[str, Any]] = field(default_factory=list)

    @property
    def _fake(self) -> Any:
        assert self.stack.providers is not None
        return self.stack.providers.telegram

    def messages(self) -> list[dict[str, Any]]:
        return [p for p in self._fake.sent() if str(p.get("chat_id")) == str(self.user_id)]

    def deliver(self, update: dict[str, Any], secret: str | None = None) -> int:
        assert self.stack.providers is not None
        status: int = self.stack.providers.run(self._fake.deliver(update, secret=secret))
        return status

    def say(self, text: str) -> list[str]:
        update = text_update(self.user_id, text, first_name=self.first_name,
                             language_code=self.language_code, username=self.username)
        self.updates.append(update)
        status = self.deliver(update)
        assert status == 200, (status, text)
        self.said.append(text)
        return self.replies()

    def replies(self, timeout: float = REPLY_TIMEOUT) -> list[str]:
        """The messages sent to this chat since the last call (waits for at least one)."""
        new = settled(f"a Telegram reply to {self.user_id}:\n{self.transcript()}",
                      self.messages, self.seen, timeout)
        self.seen += len(new)
        texts = [str(m.get("text", "")) for m in new]
        self.heard.extend(texts)
        markups = [m for m in new if (m.get("reply_markup") or {}).get("inline_keyboard")]
        if markups:
            self.last_markup = [b for row in markups[-1]["reply_markup"]["inline_keyboard"]
                                for b in row]
        return texts

    def wait_for(self, pattern: str, timeout: float = 30.0) -> str:
        """The first message to this chat (heard or not yet) matching ``pattern``."""
        regex = re.compile(pattern, re.IGNORECASE)

        def probe() -> str | None:
            return next((str(m.get("text")) for m in self.messages()
                         if regex.search(str(m.get("text", "")))), None)
        found: str = wait_until(f"{pattern!r} on Telegram {self.user_id}:\n{self.transcript()}",
                                probe, timeout)
        return found

    def titles(self, replies: list[str]) -> list[str]:
        return [str(b.get("text", "")) for b in self.last_markup]

    def send_photo(self, image: bytes) -> list[str]:
        """A photo without a caption, served by the fake's getFile; the replies to it."""
        file_id = f"AgAC-{self.user_id}-{len(self.updates)}"
        self._fake.add_file(file_id, image)
        update = photo_update(self.user_id, file_id, self.first_name, self.language_code)
        self.updates.append(update)
        assert self.deliver(update) == 200
        self.said.append("[photo]")
        return self.replies()

    def choose(self, replies: list[str], title_part: str) -> list[str]:
        buttons = [b for b in self.last_markup if title_part in str(b.get("text", ""))]
        assert buttons, f"no button {title_part!r} in {self.last_markup}\n{self.transcript()}"
        update = callback_update(self.user_id, str(buttons[0]["callback_data"]))
        self.updates.append(update)
        assert self.deliver(update) == 200
        self.said.append(f"[{buttons[0]['text']}]")
        return self.replies()


@dataclass
class NumberedChoices(Person):
    """Channels without buttons (SMS, e-mail): the bot lists choices as "1. title" lines and
    the person answers with the number."""

    last_choices: dict[str, str] = field(default_factory=dict)  # title -> number

    def heard_choices(self, texts: list[str]) -> list[str]:
        self.heard.extend(texts)
        for text in texts:
            choices = {title.strip(): number for number, title in CHOICE.findall(text)}
            if choices:
                self.last_choices = choices
        return texts

    def titles(self, replies: list[str]) -> list[str]:
        return list(self.last_choices)

    def choose(self, replies: list[str], title_part: str) -> list[str]:
        numbers = [n for title, n in self.last_choices.items() if title_part in title]
        assert numbers, f"no choice {title_part!r} in {self.last_choices}\n{self.transcript()}"
        return self.say(numbers[0])


@dataclass
class SmsUser(NumberedChoices):
    phone: str = ""
    seen: int = 0

    @property
    def _fake(self) -> Any:
        assert self.stack.providers is not None
        return self.stack.providers.twilio

    @property
    def webhook(self) -> str:
        return f"{self.stack.gateway}/webhooks/twilio/sms"

    def bodies(self) -> list[str]:
        return list(self._fake.bodies_to(self.phone))

    def post(self, text: str, sid: str | None = None, auth_token: str | None = None,
             signed_url: str | None = None) -> tuple[int, str]:
        assert self.stack.providers is not None
        form = self._fake.inbound_form(self.phone, text, sid=sid)
        result: tuple[int, str] = self.stack.providers.run(self._fake.deliver_sms(
            self.webhook, form, signed_url=signed_url or f"{self.stack.public_url}"
            "/webhooks/twilio/sms", auth_token=auth_token))
        return result

    def say(self, text: str) -> list[str]:
        status, _ = self.post(text)
        assert status == 200, (status, text)
        self.said.append(text)
        return self.replies()

    def replies(self, timeout: float = REPLY_TIMEOUT) -> list[str]:
        new = settled(f"an SMS to {self.phone}:\n{self.transcript()}", self.bodies,
                      self.seen, timeout)
        self.seen += len(new)
        return self.heard_choices(joined_parts(new))

    def wait_for(self, pattern: str, timeout: float = 30.0) -> str:
        regex = re.compile(pattern, re.IGNORECASE)

        def probe() -> str | None:
            return next((b for b in joined_parts(self.bodies()) if regex.search(b)), None)
        found: str = wait_until(f"{pattern!r} by SMS to {self.phone}:\n{self.transcript()}",
                                probe, timeout)
        return found


def joined_parts(bodies: list[str]) -> list[str]:
    """SMS bodies with the parts of split messages ("… (1/3)") joined back together."""
    texts: list[str] = []
    buffer: list[str] = []
    for body in bodies:
        match = re.search(r"\s\((\d+)/(\d+)\)$", body)
        if not match:
            texts.append(body)
            continue
        buffer.append(body[: match.start()])
        if match.group(1) == match.group(2):
            texts.append(_join(buffer))
            buffer = []
    if buffer:
        texts.append(_join(buffer))
    return texts


def _join(parts: list[str]) -> str:
    """Parts are cut at a space or a line break; a part starting a numbered choice
    ("2. No, …") or the reply prompt began a line."""
    text = parts[0]
    for part in parts[1:]:
        starts_line = re.match(r"\d+\. |Reply |Responda ", part)
        text += ("\n" if starts_line else " ") + part
    return text


@dataclass
class EmailUser(NumberedChoices):
    address: str = ""
    name: str = ""
    subject: str = ""  # of the first mail
    language: str = "en"  # of the customer's mail client (the quote line)
    seen: int = 0  # mails to this address already read
    mails: list[Received] = field(default_factory=list)  # the bot's replies, in order
    sent: list[EmailMessage] = field(default_factory=list)  # the customer's mails

    @property
    def _mail(self) -> MailServers:
        assert self.stack.mail is not None, "the e2e stack runs without mail servers"
        return self.stack.mail

    def compose(self, text: str) -> EmailMessage:
        """A new mail, or the answer to the bot's last reply (threaded, reply quoted)."""
        message = EmailMessage(policy=SMTP)
        message["From"] = f"{self.name} <{self.address}>" if self.name else self.address
        message["To"] = self._mail.desk
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = make_msgid(domain=self.address.rsplit("@", 1)[-1])
        body = text
        if self.mails:
            last = self.mails[-1].message
            message["Subject"] = f"Re: {str(last['Subject']).removeprefix('Re: ')}"
            message["In-Reply-To"] = str(last["Message-ID"])
            refs = str(last.get("References") or "").split()
            message["References"] = " ".join([*refs, str(last["Message-ID"])])
            wrote = ("El {date}, {who} escribió:" if self.language == "es"
                     else "On {date}, {who} wrote:")
            quoted = "\n".join(f"> {line}".rstrip() for line in plain(last).splitlines())
            body = f"{text}\n\n{wrote.format(date=last['Date'], who=last['From'])}\n{quoted}"
        else:
            message["Subject"] = self.subject
        message.set_content(body + "\n")
        return message

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)
        self._mail.imap.append([message.as_bytes()])

    def say(self, text: str) -> list[str]:
        self.send(self.compose(text))
        self.said.append(text)
        return self.replies()

    def inbox(self) -> list[Received]:
        return self._mail.smtp.inbox.to(self.address)

    def replies(self, timeout: float = REPLY_TIMEOUT) -> list[str]:
        """The plain-text bodies of the mails sent to this address since the last call."""
        new = settled(f"a mail to {self.address}:\n{self.transcript()}", self.inbox,
                      self.seen, timeout)
        self.seen += len(new)
        self.mails.extend(new)
        return self.heard_choices([plain(m.message) for m in new])


def plain(message: Any) -> str:
    """The text/plain body of a received mail."""
    body = message.get_body(("plain",))
    assert body is not None, message
    return str(body.get_content()).strip()


@dataclass
class RestUser(Person):
    sender: str = field(default_factory=lambda: f"e2e-{secrets.token_hex(4)}")
    last_buttons: list[dict[str, Any]] = field(default_factory=list)
    # a company portal's signed identity (docs/channels.md), sent with every message
    identity: dict[str, Any] | None = None

    def say(self, text: str) -> list[str]:
        body: dict[str, Any] = {"sender": self.sender, "message": text}
        if self.identity is not None:
            body["metadata"] = {"identity": self.identity}
        replies: list[dict[str, Any]] = http(
            "POST", f"{self.stack.gateway}/webhooks/rest/webhook",
            self.stack.tokens["AVISA_TOKEN_REST"], body)
        assert replies, f"no answer to {text!r}\n{self.transcript()}"
        self.said.append(text)
        texts = [str(r.get("text", "")) for r in replies]
        self.heard.extend(texts)
        buttons = [b for r in replies for b in r.get("buttons", [])]
        if buttons:
            self.last_buttons = buttons
        return texts

    def titles(self, replies: list[str]) -> list[str]:
        return [str(b["title"]) for b in self.last_buttons]

    def choose(self, replies: list[str], title_part: str) -> list[str]:
        chosen = [b for b in self.last_buttons if title_part in str(b["title"])]
        assert chosen, f"no button {title_part!r} in {self.last_buttons}"
        return self.say(str(chosen[0]["payload"]))


# What a customer says to get a one-time code: the bot sends one only when asked (a serial or
# a registered e-mail are the other second factors: actions/verification.py).
ASK_CODE = {"es": "envíame el código", "en": "send me the code"}


def ask_code(first: str) -> str:
    """The request for a one-time code in the language of ``first``."""
    return ASK_CODE["es" if detect(first) == "es" else "en"]


def verify(person: Person, first: str, customer_code: str, code_to: str) -> list[str]:
    """An unknown sender: says ``first``, gives the customer code, asks for a one-time code
    and gives the one sent to ``code_to``; returns the replies to the code."""
    person.say(first)
    since = person.stack.now()
    person.say(customer_code)
    person.say(ask_code(first))
    return person.say(one_time_code(person.stack, code_to, since))
