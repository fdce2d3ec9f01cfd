"""How each indicator is counted, in words a regulator can check: numerator, denominator, period rule, and
what the document leaves open and what we chose. Built from the same spec the calculation uses, so the
words cannot drift from the numbers."""

from services.indicators.definitions import BY_DATE, COUNT, YEARLY, YEARS, YESNO, Definition
from services.indicators.spec import TEACHERS, UNDER_35, YOUNG, Spec
from services.models.indicators import CommunityLevel
from services.models.people import DiagnosticKind, OrgType
from services.models.routes import Registry

KINDS = {
    DiagnosticKind.FEDERAL: "федеральная",
    DiagnosticKind.REGIONAL: "региональная",
    DiagnosticKind.MUNICIPAL: "муниципальная",
    DiagnosticKind.SCHOOL: "школьная",
}
LEVELS = {"high": "высокий", "elevated": "повышенный", "basic": "базовый", "low": "низкий"}
ORG_TYPES = {
    OrgType.GENERAL: "общеобразовательные",
    OrgType.PRESCHOOL: "дошкольные",
    OrgType.ADDITIONAL: "дополнительного образования",
    OrgType.VOCATIONAL: "профессиональные",
    OrgType.OTHER: "иные",
}
COMMUNITIES = {
    CommunityLevel.SCHOOL: "школьного",
    CommunityLevel.MUNICIPAL: "муниципального",
    CommunityLevel.REGIONAL: "регионального",
    CommunityLevel.NETWORK: "сетевого",
}
NUMERATORS = {
    "route_developed": "у кого утверждён ИОМ, построенный на диагностической процедуре (не на самооценке)",
    "route_implemented": "у кого ИОМ реализован (все пункты подтверждены)",
    "young_supported": "кто в действующей паре наставничества (наставляемый) или подтверждённо был на "
    "мероприятии для молодых педагогов",
    "young_in_pairs": "кто наставляемый в паре наставничества, действующей в периоде",
    "young_at_events": "кто подтверждённо был на прошедшем мероприятии для молодых педагогов",
    "mentoring_participants": "кто наставник или наставляемый в паре, действующей в периоде (каждый один раз)",
    "contest_participants": "педагоги с подтверждённым участием в конкурсе: отмечена явка на прошедшем конкурсе "
    "или подтверждён пункт ИОМ «конкурс» (запись без явки не считается)",
    "internship_participants": "люди с подтверждённой стажировкой: явка на прошедшей стажировке или "
    "подтверждённый пункт ИОМ",
    "route_consulted": "кому в периоде подтверждена консультация по ИОМ",
    "route_accompanied": "кто наставляемый в паре наставничества, действующей в периоде",
    "seminars_held": "проведённые семинары и вебинары муниципалитета: уже закончились и не отменены",
    "conferences_held": "проведённые конференции и форумы муниципалитета: уже закончились и не отменены",
}
PERIOD_RULES = {
    YEARLY: "Цель «{words}» — на год: значение считается за год (за период не короче года — за него); "
    "в течение года показан итог с начала года как продвижение, а не вердикт.",
    BY_DATE: "Срок цели — «{words}»: до него значение показывает продвижение, вердикт — по наступлении срока.",
    YEARS: "Цель «{words}»: значение считается за весь этот срок; до его конца показано продвижение.",
}


def reading(definition: Definition) -> str:
    """The indicator's «как считается»: a few sentences, the document's gaps and our choices last."""
    spec = definition.spec
    if spec.measure == "manual":
        what = "«да» или «нет»" if definition.unit == YESNO else "число"
        parts = [f"Бот этого не знает: значение ({what}) вносит методист за период; видно, кто и когда его внёс."]
    elif definition.unit == COUNT:
        parts = [f"Считается: {_numerator(spec)}.", _period(spec)]
    elif spec.measure == "schools_mentoring":
        parts = [
            f"Числитель: организации ({_organisations(spec)}), где есть хотя бы одна пара наставничества, "
            "действующая в периоде.",
            f"Знаменатель: все организации территории ({_organisations(spec)}).",
        ]
    else:
        parts = [f"Числитель: {_numerator(spec)}.", f"Знаменатель: {_denominator(spec)}.", _period(spec)]
    if definition.horizon.kind in PERIOD_RULES:
        parts.append(PERIOD_RULES[definition.horizon.kind].format(words=definition.horizon.words))
    if definition.target_from:
        parts.append(f"Цель заимствована: {definition.target_from}.")
    if definition.each_school:
        parts.append("Цель относится к каждой организации: выполнено, когда выполнено в каждой.")
    if definition.note:
        parts.append(f"Выбор там, где документ неясен: {definition.note}")
    return " ".join(part for part in parts if part)


def _numerator(spec: Spec) -> str:
    if spec.measure == "diagnosed":
        kinds = ", ".join(KINDS[kind] for kind in spec.kinds)
        text = f"кто прошёл диагностическую процедуру ({kinds}; самооценка не считается)"
        return text + (f", уровень: {', '.join(LEVELS[level] for level in spec.levels)}" if spec.levels else "")
    if spec.measure == "registry_course":
        registry = "федерального" if spec.registry == Registry.FEDERAL else "регионального"
        text = f"кто освоил курс {registry} реестра ДПП (пункт ИОМ подтверждён после итоговой аттестации)"
        if spec.matched:
            text += ", и курс закрывает дефицит, найденный диагностической процедурой, на которой построен ИОМ"
        return text
    if spec.measure == "community_members":
        levels = ", ".join(COMMUNITIES[level] for level in spec.community_levels) or "любого"
        return f"кто в периоде состоял в методическом объединении или сообществе уровня: {levels}"
    text = NUMERATORS[spec.measure]
    if spec.counted_group == YOUNG and spec.group != YOUNG:
        text += ", и при этом в первые 3 года работы"
    return text


def _denominator(spec: Spec) -> str:
    who = "педагогические работники (без руководителей)" if spec.population == TEACHERS else "педагоги и руководители"
    if spec.group == UNDER_35:
        who += " моложе 35 лет на дату отчёта"
    elif spec.group == YOUNG:
        who += " моложе 35 лет и с педагогическим стажем меньше 3 лет на дату отчёта"
    if spec.org_types:
        who += f" организаций типа: {_organisations(spec)}"
    who += " из реестра на дату отчёта (уволенные до неё не считаются)"
    if spec.measure in ("route_implemented", "route_consulted", "route_accompanied"):
        who += ", у которых ИОМ разработан"
    if spec.age_group in (UNDER_35, YOUNG):
        who += "; люди без даты рождения или начала работы не попадают ни в одну сторону и показаны отдельно"
    return who


def _organisations(spec: Spec) -> str:
    return ", ".join(ORG_TYPES[org_type] for org_type in spec.org_types) or "любого типа"


def _period(spec: Spec) -> str:
    if spec.cumulative:
        return "Накопительно: всё, что есть на дату отчёта, когда бы оно ни произошло."
    return "В периоде: засчитывается то, что произошло в выбранном периоде (текущий — по сегодняшний день)."
