"""One clock and one settings-file reader for the four processes.

The backend, the gateway and the action server read ``var/tokens.env`` with the same
python-dotenv call, so a quoted, exported or commented line means the same to all three;
each reads ``AVISA_CLOCK_START`` / ``AVISA_CLOCK_OFFSET`` into the same product clock; the
test stacks start on a working Wednesday morning unless a test asks for another time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from actions.settings import BackendSettings
from backend.config import Settings as BackendConfig
from backend.config import SettingsError
from backend.domain.clock import offset_clock, offset_to
from backend.domain.coverage import CALENDARS
from backend.domain.coverage.business_time import CoveredHours
from channels.config import Settings as GatewayConfig
from channels.core.errors import ConfigError
from common.envfile import read_env_file
from tests.helpers.clock import SUNDAY_NIGHT, WORKING_DAY, RunningClock, SettableClock
from tools.stack_launch import clock_env

TRICKY = """# written by hand
export AVISA_TOKEN_GATEWAY="gw with spaces"
AVISA_TOKEN_ACTIONS='act$ion#1'
  AVISA_TOKEN_REST = rest-token   # a comment after the value
AVISA_TOKEN_ADMIN=${HOME}
NOT_A_PAIR
"""
EXPECTED = {
    "AVISA_TOKEN_GATEWAY": "gw with spaces",
    "AVISA_TOKEN_ACTIONS": "act$ion#1",
    "AVISA_TOKEN_REST": "rest-token",
    "AVISA_TOKEN_ADMIN": "${HOME}",  # taken as written: no expansion in a secrets file
}
MINUTE = timedelta(minutes=1)


def test_backend_gateway_and_actions_read_a_tokens_file_alike(tmp_path: Path) -> None:
    path = tmp_path / "tokens.env"
    path.write_text(TRICKY, encoding="utf-8")
    assert read_env_file(path) == EXPECTED
    actions = BackendSettings.from_env({"AVISA_TOKENS_FILE": str(path)})
    assert actions.token == EXPECTED["AVISA_TOKEN_ACTIONS"]
    gateway = GatewayConfig.from_env({"AVISA_TOKENS_FILE": str(path)})
    assert (gateway.token_gateway, gateway.token_rest) == ("gw with spaces", "rest-token")
    backend = BackendConfig.from_env({"AVISA_TOKENS_FILE": str(path)})
    assert backend.tokens["gateway"] == "gw with spaces"
    assert backend.tokens["actions"] == "act$ion#1"
    missing = tmp_path / "missing.env"
    assert read_env_file(missing) == {}


def test_offset_clock_moves_the_real_clock_and_offset_to_aims_it() -> None:
    real = SettableClock(datetime(2026, 12, 13, 2, 0, tzinfo=UTC))
    offset = offset_to(WORKING_DAY, real)
    clock = offset_clock(offset, real)
    assert clock() == WORKING_DAY
    real.advance(minutes=5)
    assert clock() == WORKING_DAY + timedelta(minutes=5)
    assert offset_clock(timedelta(0), real) is real
    with pytest.raises(ValueError, match="UTC offset"):
        offset_to(datetime(2026, 12, 9, 10, 0), real)


@pytest.mark.parametrize("load", [BackendConfig.from_env, GatewayConfig.from_env])
def test_every_process_reads_the_clock_settings_alike(
        load: Callable[[dict[str, str]], BackendConfig | GatewayConfig], tmp_path: Path) -> None:
    base = {"AVISA_TOKENS_FILE": str(tmp_path / "none.env"), "AVISA_TOKEN_GATEWAY": "gw"}
    assert abs(load(base).clock()() - datetime.now(UTC)) < MINUTE
    started = load({**base, "AVISA_CLOCK_START": "2026-12-09T10:00:00+01:00"}).clock()
    assert abs(started() - WORKING_DAY) < MINUTE
    shifted = load({**base, "AVISA_CLOCK_OFFSET": "-86400"}).clock()
    assert abs(shifted() - (datetime.now(UTC) - timedelta(days=1))) < MINUTE


@pytest.mark.parametrize("env", [
    {"AVISA_CLOCK_START": "2026-12-09T10:00:00"},  # no UTC offset
    {"AVISA_CLOCK_START": "next wednesday"},
    {"AVISA_CLOCK_OFFSET": "one hour"},
    {"AVISA_CLOCK_OFFSET": "inf"},
    {"AVISA_CLOCK_START": "2026-12-09T10:00:00+01:00", "AVISA_CLOCK_OFFSET": "60"},
])
def test_a_malformed_clock_setting_stops_every_process(env: dict[str, str],
                                                       tmp_path: Path) -> None:
    base = {"AVISA_TOKENS_FILE": str(tmp_path / "none.env"), "AVISA_TOKEN_GATEWAY": "gw"}
    with pytest.raises(SettingsError, match="AVISA_CLOCK"):
        BackendConfig.from_env({**base, **env})
    with pytest.raises(ConfigError, match="AVISA_CLOCK"):
        GatewayConfig.from_env({**base, **env})


def test_the_stack_starts_on_a_working_morning_and_the_night_is_out_of_hours() -> None:
    office = CoveredHours.parse("Europe/Madrid", "mon-fri 08:00-18:00", CALENDARS["es-aragon"])
    assert WORKING_DAY.weekday() == 2 and office.is_open(WORKING_DAY)
    assert office.is_open(WORKING_DAY + timedelta(hours=7))  # a long test session
    assert SUNDAY_NIGHT.weekday() == 6 and not office.is_open(SUNDAY_NIGHT)
    offset = float(clock_env(WORKING_DAY)["AVISA_CLOCK_OFFSET"])
    assert abs(datetime.now(UTC) + timedelta(seconds=offset) - WORKING_DAY) < MINUTE
    assert clock_env(None) == {}


def test_the_test_clocks_start_where_asked() -> None:
    still = SettableClock()
    assert still() == WORKING_DAY
    still.advance(90, minutes=1)
    assert still() == WORKING_DAY + timedelta(seconds=150)
    still.set(SUNDAY_NIGHT)
    assert still() == SUNDAY_NIGHT
    running = RunningClock(SUNDAY_NIGHT)
    assert abs(running() - SUNDAY_NIGHT) < MINUTE
    with pytest.raises(ValueError):
        SettableClock(datetime(2026, 12, 9, 10, 0))


def test_make_run_gives_the_four_processes_one_offset(tmp_path: Path) -> None:
    from tools.stack import clock_env as supervisor_clock

    assert supervisor_clock({}) == {}
    env = supervisor_clock({"AVISA_CLOCK_START": "2026-12-13T03:00:00+01:00"})
    assert env["AVISA_CLOCK_START"] == ""  # the processes read the offset only
    moved = BackendConfig.from_env({**env, "AVISA_TOKENS_FILE": str(tmp_path / "none.env")}).clock()
    assert abs(moved() - SUNDAY_NIGHT) < MINUTE
    assert supervisor_clock({"AVISA_CLOCK_OFFSET": "60"})["AVISA_CLOCK_OFFSET"] == "60.0"
