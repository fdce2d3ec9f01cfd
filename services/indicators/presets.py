"""The indicator sets the bot ships, one per document in ../shared/seeds (services/indicators/documents);
a methodist picks one for their municipality and may adjust its targets."""

from services.indicators.definitions import IndicatorSet
from services.indicators.documents.balakhta import BALAKHTA
from services.indicators.documents.moscow import MOSCOW
from services.indicators.documents.odintsovo import ODINTSOVO
from services.indicators.documents.penza import PENZA

PRESETS: dict[str, IndicatorSet] = {s.code: s for s in (ODINTSOVO, MOSCOW, PENZA, BALAKHTA)}
DEFAULT_SET = ODINTSOVO.code
