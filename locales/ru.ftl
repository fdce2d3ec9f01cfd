## Общие
timezone-moscow = время московское
timezone-msk = МСК{ $shift }
nav-menu = 🏠 Меню
nav-back = ‹ Назад
nav-cancel = ✖️ Отмена
nav-skip = Пропустить ›
nav-confirm = Да, подтверждаю
nav-keep = ‹ Нет, вернуться
nav-cancelled = Отменено, ничего не сохранено.
page-range = { $first }–{ $last } из { $total }
date-preset-quarter = Конец четверти — { $date }
date-preset-half = Конец полугодия — { $date }
date-preset-year = Конец учебного года — { $date }
stale-button = Эта кнопка устарела. Откройте меню заново: /start
not-understood = Не понял сообщение. Список команд — /help, меню — /start.
error-generic = Не получилось выполнить действие.
error-unexpected = Извините, что-то пошло не так. Мы уже знаем об ошибке; попробуйте ещё раз чуть позже.
error-forbidden = У вас нет прав на это действие.
error-not-found = Не нашёл такой записи — возможно, её уже удалили.
error-invalid-input = Это значение не подходит.
door-private-only = Я работаю только в личных сообщениях: напишите мне туда.
door-open-private = Написать боту
door-consent-first = Сначала дайте согласие на обработку персональных данных: /start
door-conversation-lost = Этот разговор устарел. Начните заново: /start

## Роли
role-teacher = педагог
role-admin = администратор
role-methodist = методист
role-coordinator = координатор ОО
role-mentor = наставник
role-none = пока нет

## Команды в меню Telegram
cmd-start = Главное меню
cmd-help = Что умеет бот
cmd-settings = Настройки и язык
cmd-roster = Реестр педагогов: шаблон и загрузка
cmd-invite = Пригласить координатора, наставника, методиста
cmd-orgs = Муниципалитеты региона

## Согласие и старт
consent-ask =
    <b>Здравствуйте! Это бот научно-методического сопровождения педагогов.</b>

    Чтобы продолжить, дайте согласие на обработку персональных данных (152-ФЗ): ФИО, организация, должность, дата рождения, стаж — для ведения индивидуальных образовательных маршрутов (ИОМ), записи на мероприятия и наставничества.
    Оператор: { $operator }.{ $policy ->
        [none] {""}
       *[other] {" "}Политика обработки персональных данных: { $policy }
    }

    Отозвать согласие и удалить свои данные можно в любой момент: /settings → «Отозвать согласие и удалить данные».
consent-button = ✅ Даю согласие
consent-thanks = Спасибо, согласие сохранено.
start-unknown =
    Вас пока нет в реестре педагогов, связанном с этим аккаунтом.

    Если у вас есть персональная ссылка-приглашение — откройте её. Или подайте заявку: выберите муниципалитет и организацию — её рассмотрит координатор организации или методист муниципалитета.
join-button = 📝 Подать заявку

## Меню
menu-title = <b>Главное меню</b>
    Ваши роли: { $roles }
menu-profile = 👤 Мой профиль
menu-roster = 📋 Реестр
menu-invite = ✉️ Приглашения
menu-catalogue = 📚 Каталог и диагностика
menu-orgs = 🏛 Муниципалитеты
menu-settings = ⚙️ Настройки
menu-help = ❓ Помощь
profile =
    <b>{ $name }</b>
    Организация: { $school }
    Должность: { $position }
    Предметы: { $subjects }{ $young ->
        [yes] { "\u000A" }🌱 Молодой специалист
       *[no] { "" }
    }
    { $diagnostic ->
        [none] Диагностики профессиональных дефицитов пока нет.
       *[other] Последняя диагностика: { $diagnostic }, уровень: { $level }
    }

## Помощь
help-intro = <b>Что умеет бот</b>
help-guest = Откройте персональную ссылку-приглашение или подайте заявку на вступление: /start
help-line = { $button } — { $what }{ $command ->
    [none] {""}
   *[other] {" "}({ $command })
}
help-navigation = На каждом экране есть «🏠 Меню», в каждой форме — «✖️ Отмена»; /menu открывает меню, /cancel прерывает начатое.
help-item-route = индивидуальный образовательный маршрут: пункты, сроки, отчёты с подтверждением; руководителю — согласование.
help-item-events = семинары и методические мероприятия: запись, лист ожидания, календарь; организатору — создание и посещаемость; координатору — кто из организации побывал на прошедших.
help-item-mentor = наставничество: переписка с наставником или наставляемыми (достаточно просто написать сообщение), журнал встреч с подтверждением второй стороны, план; координатору и методисту — пары, их загрузка и выгрузка.
help-item-communities = методические объединения и профессиональные сообщества.
help-item-profile = ваши данные из реестра и последняя диагностика.
help-item-indicators = показатели системы научно-методического сопровождения по организации, муниципалитету, региону.
help-item-roster = реестр педагогов: шаблон, загрузка файла, персональные ссылки.
help-item-invite = приглашения координаторам, наставникам, методистам.
help-item-catalogue = каталог активностей муниципалитета и диагностики: шаблоны, загрузка файлов, диагностика вручную.
help-item-news = новости и рассылки по школам, ролям, предметам.
help-item-orgs = муниципалитеты и организации региона.
help-item-settings = язык, еженедельная сводка, мои данные и согласие.
help-item-help = эта справка.

## Приглашения
invite-linked = Добро пожаловать, <b>{ $name }</b>! Аккаунт связан с реестром педагогов.
invite-role = Вам назначена роль «{ $role }»: { $org }.
self-link-ask = Найдите себя в реестре педагогов, чтобы бот знал, кто вы: тогда появятся ваши пары наставничества и ИОМ.
    Организация: { $org }
    Напишите ваши фамилию, имя и отчество полностью — как в реестре.
self-link-found = Это вы? Нажмите на свою строку.
    Организация: { $org }
self-link-this-is-me = ✅ Это я: { $name } · { $position }
self-link-nobody = В реестре нет педагога с таким ФИО, ещё не подключённого к боту.
    Написано: { $name }
    Организация: { $org }
    Проверьте написание (полностью, как в реестре) или нажмите «Меня нет в реестре»; координатор может добавить вас в реестр.
self-link-not-listed = Меня нет в реестре
self-link-skipped = Аккаунт не связан с реестром. Если вас добавят в реестр, координатор пришлёт персональную ссылку.
self-link-full-name = Напишите фамилию, имя и отчество полностью — как в реестре.
self-link-taken = Этот педагог уже подключён к боту с другого аккаунта. Если это вы — обратитесь к координатору.
self-link-already = Аккаунт уже связан с реестром педагогов.
self-link-told = 🔗 По приглашению в бот вошёл педагог и указал себя в реестре: <b>{ $name }</b> ({ $position }), { $org }. Если это не он, сообщите администратору бота.
invite-unknown = Ссылка-приглашение не найдена. Проверьте ссылку или попросите новую у координатора.
invite-used = Эта ссылка-приглашение уже использована. Если это были не вы — сообщите координатору.
invite-expired = Срок действия ссылки-приглашения истёк. Попросите новую у координатора или методиста.
invite-foreign = Эта ссылка предназначена другому педагогу, а ваш аккаунт уже связан с реестром.
invite-joined = уже в боте
invite-choose-role = Кого пригласить?
invite-choose-municipality = Выберите муниципалитет:
invite-choose-school = Выберите организацию:
invite-created =
    Приглашение для роли «{ $role }» ({ $org }) готово. Перешлите ссылку человеку — она одноразовая и действует { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }:

    { $link }
invites-sheet = Приглашения
col-school = Организация
col-name = ФИО
col-invite = Ссылка-приглашение
col-valid-until = Действует до
col-row = Строка
col-column = Столбец
col-problem = Что не так

## Заявки на вступление
join-choose-municipality = Выберите муниципалитет:
join-choose-school = { $municipality }: выберите организацию:
join-no-municipalities = В боте пока нет муниципалитетов. Обратитесь к методисту.
join-no-schools = В муниципалитете «{ $municipality }» пока нет организаций. Обратитесь к методисту.
join-type-name = { $school }. Напишите ваши фамилию, имя и отчество полностью, например: Иванова Мария Петровна.
join-bad-name = Напишите фамилию, имя и отчество буквами, через пробел (2–4 слова).
join-sent = { $who ->
        [coordinator] Заявка отправлена координатору организации «{ $school }».
        [methodist] В «{ $school }» пока нет координатора: заявку рассмотрит методист муниципалитета «{ $municipality }».
       *[admin] В «{ $school }» и муниципалитете «{ $municipality }» пока нет ни координатора, ни методиста: заявку рассмотрит администратор бота.
    } Я сообщу, когда её рассмотрят.
join-already-member = Ваш аккаунт уже связан с реестром. Меню — /start.
join-already-pending = Ваша заявка на вступление уже на рассмотрении. Я сообщу, когда её рассмотрят.
join-request =
    <b>Заявка на вступление</b>
    { $name }
    { $school } ({ $municipality })
join-approve = ✅ Принять
join-reject = ❌ Отклонить
join-approved-by-you = ✅ Заявка принята: { $name }
join-rejected-by-you = ❌ Заявка отклонена: { $name }
join-already-decided = Эту заявку уже рассмотрели.
join-approved = ✅ Ваша заявка на вступление принята. Добро пожаловать!
join-rejected = Ваша заявка на вступление отклонена. Если это ошибка, обратитесь к координатору вашей организации.

## Реестр
roster-template =
    Шаблон реестра для «{ $scope }». Заполните по строке на педагога и пришлите файл сюда (XLSX или CSV).
    Обязательные столбцы: ФИО, Должность, Дата рождения, Начало педагогической деятельности; методисту — ещё Организация.
roster-send-file = Пришлите файл реестра (XLSX или CSV) документом.
roster-checking = ⏳ Проверяю файл…
file-too-big = Файл слишком большой: не более { $limit } МБ.
file-wrong-type = Нужен файл XLSX или CSV.
file-damaged = Файл повреждён: его не удалось прочитать. Откройте его, сохраните заново как XLSX или CSV и пришлите снова.
file-reading = ⏳ Читаю файл: прочитано строк — { $rows }…
roster-rejected = ❌ Файл не загружен: { $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
       *[many] { $count } ошибок
    }. Исправьте и пришлите снова — ничего не записано.
roster-problem = Строка { $line }, «{ $column }»: { $problem }
roster-more-problems = …и ещё { $count }. Полный список — в файле.
roster-problems-sheet = Ошибки
roster-new-schools = В файле { $count ->
        [one] { $count } новая организация
        [few] { $count } новые организации
       *[many] { $count } новых организаций
    } — их ещё нет в «{ $municipality }». Создать?
roster-school-list = { $names }{ $more ->
        [0] { "" }
       *[other] { "\u000A" }…и ещё { $more }
    }
roster-create-schools = ✅ Создать и загрузить
roster-cancelled = Загрузка отменена, ничего не записано.
roster-schools-not-confirmed = Сначала подтвердите создание новых организаций.
roster-imported =
    ✅ Реестр загружен.
    Добавлено: { $created }, обновлено: { $updated }, без изменений: { $unchanged }, новых организаций: { $schools }.
roster-invites = Персональные ссылки-приглашения: по одной на педагога. Разошлите их — каждая одноразовая.
problem-empty = в файле нет строк с данными
problem-missing-column = нет обязательного столбца
problem-required = не заполнено
problem-bad-name = ФИО должно состоять из 2–4 слов из букв: «{ $value }»
problem-too-long = слишком длинное значение
problem-duplicate = этот человек уже есть в строке { $value }
problem-bad-age = дата рождения вне разумного диапазона (16–100 лет): «{ $value }»
problem-bad-date = не дата (нужно ДД.ММ.ГГГГ): «{ $value }»
problem-in-future = дата в будущем: «{ $value }»
problem-before-age-14 = начало работы раньше 14 лет: «{ $value }»
problem-bad-flag = нужно «да» или «нет»: «{ $value }»
problem-bad-email = неверный адрес почты: «{ $value }»
problem-bad-phone = неверный номер телефона: «{ $value }»
problem-other-school = организация не ваша: «{ $value }»

## Организации
orgs-title = <b>Муниципалитеты региона</b> ({ $count })
orgs-line = • { $name } — { $timezone }
orgs-add = ➕ Добавить муниципалитет
orgs-type-name = Напишите название муниципалитета.
orgs-choose-timezone = «{ $name }»: выберите часовой пояс.
orgs-created = ✅ Муниципалитет «{ $name }» создан ({ $timezone }). Пригласите методиста: /invite
orgs-types = 🏫 Типы организаций
orgs-types-pick = Выберите муниципалитет, затем организацию:
orgs-types-choose = Какого типа эта организация? Показатели об «общеобразовательных организациях» и «школах» считают только общеобразовательные.
orgs-type-set = ✅ «{ $name }»: { $org_type }.
org-type-general = общеобразовательная
org-type-preschool = дошкольная
org-type-additional = дополнительного образования
org-type-vocational = профессиональная
org-type-other = другая
org-bad-name = Название — от 1 до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
org-bad-timezone = Неизвестный часовой пояс: { $value }
org-duplicate = Муниципалитет «{ $name }» уже есть.

## Настройки
settings-title = <b>Настройки</b>: язык интерфейса, еженедельная сводка и ваши данные.
settings-language-set = Язык: русский.
language-ru = Русский
language-en = English

## Демо
migrate-done = База данных обновлена до последней версии схемы.
demo-ready = Демо-муниципалитет готов: три школы и детский сад, педагоги с диагностиками и ИОМ, мероприятия, наставничество, сообщества, новости и показатели за год. Войдите по ссылке под нужной ролью (каждая ссылка — один вход):
demo-invite = { $role } ({ $name }): { $link }
demo-any-name = без привязки к педагогу
demo-role-mentee = молодой специалист, наставляемый
demo-joined = { $role } ({ $name }): уже вошли по приглашению
demo-admin-note = Администратор: добавьте свой Telegram id в ADMIN_IDS и напишите боту /start.
demo-refused = В базе есть данные вне демо-муниципалитета ({ $names }). Демо заполняет только пустую базу или свою собственную; ничего не записано.
demo-found-organisations = организации
demo-found-people = педагоги
demo-found-users = пользователи

## Файлы
problem-bad-choice = значение не из списка: «{ $value }»
problem-bad-number = не число: «{ $value }»
problem-not-in-roster = нет в реестре (проверьте ФИО и дату рождения): «{ $value }»

## ИОМ педагога
cmd-route = Мой ИОМ (индивидуальный образовательный маршрут)
menu-route = 🧭 Мой ИОМ
route-none = У вас пока нет ИОМ — индивидуального образовательного маршрута. Составьте его по последней диагностике или сначала пройдите самооценку.
route-start = 🧭 Составить ИОМ
route-proposed = Черновик ИОМ готов: по диагностике { $count ->
        [one] предложена { $count } активность
        [few] предложены { $count } активности
       *[many] предложено { $count } активностей
    }. Проверьте, добавьте или уберите пункты и отправьте на согласование.
route-title = <b>ИОМ</b>
    Педагог: { $name } ({ $school })
route-status = Статус: { $status }
route-progress = Выполнено: { $done } из { $total }{ $overdue ->
        [0] {""}
       *[other] , просрочено: { $overdue }
    }
route-comment = 💬 { $comment }
route-add-catalogue = ➕ Из каталога активностей
route-add-own = ✏️ Свой пункт
route-submit = 📤 На согласование
route-submitted = 📤 ИОМ отправлен на согласование.
route-item-added = Пункт добавлен.
route-item-removed = Пункт удалён.
route-open = Открыть ИОМ
route-status-draft = черновик
route-status-submitted = на согласовании
route-status-returned = возвращён на доработку
route-status-approved = согласован
route-status-in_progress = выполняется
route-status-implemented = реализован
item-status-planned = запланировано
item-status-reported = на проверке
item-status-confirmed = подтверждено
item-status-returned = возвращено
kind-course = Курс ДПО
kind-seminar = Семинар
kind-master_class = Мастер-класс
kind-internship = Стажировка
kind-consultation = Консультация
kind-association = Методическое объединение
kind-mentoring = Наставничество
kind-self_education = Самообразование
kind-contest = Конкурс
area-subject = предметные
area-methodical = методические
area-psychological = психолого-педагогические
area-communicative = коммуникативные
area-digital = цифровые
area-none = без привязки
catalogue-choose = Выберите активность из каталога:
catalogue-empty = Каталог активностей муниципалитета пока пуст. Добавьте свой пункт.
own-item-title = Напишите название пункта (до 300 символов).
own-item-kind = Выберите вид активности:
own-item-area = Какой дефицит закрывает пункт?
own-item-deadline = Выберите срок: конец четверти, полугодия, учебного года или день в календаре. Можно и написать дату: ДД.ММ.ГГГГ.
item-title = <b>{ $title }</b>
item-kind = { $kind } · компетенции: { $area }
item-hours = Часов: { $hours } · реестр: { $registry ->
        [federal] ФР ДПП
        [regional] РР ДПП
       *[none] —
    }
item-deadline = Срок: { $deadline }{ $late ->
        [yes] {" "}❗ просрочено
       *[no] {""}
    }
item-status = Статус: { $status }
item-history = <b>История:</b>
history-line = { $at } — { $action }: { $who }
history-created = ИОМ создан
history-submitted = отправлен на согласование
history-approved = согласован
history-returned = возвращён
history-reported = отчёт о выполнении
history-confirmed = выполнение подтверждено
history-item_returned = отчёт возвращён
history-implemented = ИОМ реализован
item-edit = ✏️ Изменить
edit-choose = «{ $title }»: что изменить?
edit-title = Название
edit-kind = Вид
edit-area = Дефицит
edit-hours = Часы
edit-deadline = Срок
edit-ask-title = Напишите новое название (до 300 символов).
edit-ask-kind = Выберите вид активности:
edit-ask-area = Какой дефицит закрывает пункт?
edit-ask-hours = Сколько часов? Выберите или напишите число; «Пропустить» — без часов.
edit-ask-deadline = Выберите новый срок: конец четверти, полугодия, учебного года или день в календаре. Можно и написать дату: ДД.ММ.ГГГГ.
edit-saved = Сохранено.
edit-done = ✅ Пункт «{ $title }» изменён.
item-remove = 🗑 Удалить
item-report = ✅ Выполнено
report-ask = «{ $title }». Пришлите подтверждение: документ, фото, ссылку или текст (можно несколько), затем нажмите «Отправить на проверку».
report-added = Принято: { $count }. Добавьте ещё или отправьте на проверку.
report-send = 📤 Отправить на проверку
report-sent = 📤 Отчёт отправлен на проверку.
evidence-texts = <b>Подтверждение:</b>
    { $texts }
evidence-too-big = Файл больше { $limit } МБ — такой бот не сможет открыть. Пришлите файл поменьше или ссылку.
evidence-wrong-type = Такой вид вложения не подходит. Пришлите документ (PDF, Word, Excel, PowerPoint, изображение, архив), фото, ссылку или текст.
evidence-bad-text = Текст подтверждения — до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
evidence-bad-link = Ссылка должна начинаться с http:// или https:// и не содержать пробелов.
evidence-missing = Приложите хотя бы одно подтверждение.
evidence-too-many = К одному пункту — не больше { $limit ->
        [one] { $limit } вложения
       *[other] { $limit } вложений
    }.
item-already-reported = Этот пункт уже отправлен на проверку или подтверждён.
route-not-approved = Отчитываться можно после согласования ИОМ.
route-not-editable = ИОМ на согласовании или уже согласован — менять его нельзя.
route-deadline-past = Срок не может быть в прошлом.
route-deadline-far = Срок — не дальше трёх лет от сегодняшнего дня.
route-bad-date = Не понял дату. Напишите в формате ДД.ММ.ГГГГ, например 15.03.2027.
route-bad-title = Название — от 1 до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
route-bad-hours = Часы — целое число от 1 до 2000.
route-empty = В ИОМ нет ни одного пункта.
route-too-many-items = В ИОМ не больше { $limit ->
        [one] { $limit } пункта
       *[other] { $limit } пунктов
    }.

## ИОМ: самооценка и загрузки
self-assessment-start = 📝 Самооценка дефицитов
self-assessment-question = Вопрос { $number } из { $total }. Насколько уверенно вы чувствуете себя в области «{ $area }»?
self-assessment-1 = 1 — нужна помощь
self-assessment-2 = 2 — есть трудности
self-assessment-3 = 3 — в целом уверенно
self-assessment-4 = 4 — могу помочь коллегам
self-assessment-done = Самооценка сохранена. Дефициты: { $deficits }.
self-assessment-incomplete = Ответьте на все вопросы самооценки.
upload-catalogue = 📚 Загрузить каталог активностей
upload-diagnostics = 🩺 Загрузить диагностики
upload-catalogue-ask = Заполните шаблон и пришлите его (XLSX или CSV). Вид: курс, семинар, мастер-класс, стажировка, консультация, методическое объединение, наставничество, самообразование, конкурс. Реестр: ФР, РР или пусто. Компетенции через запятую: предметные, методические, психолого-педагогические, коммуникативные, цифровые.
upload-diagnostics-ask = Заполните шаблон и пришлите его (XLSX или CSV). Вид: федеральная, региональная, муниципальная, школьная. Уровень: высокий, повышенный, базовый, низкий. Дефициты через запятую: предметные, методические, психолого-педагогические, коммуникативные, цифровые.
catalogue-imported = ✅ Каталог загружен. Добавлено: { $created }, обновлено: { $updated }.
diagnostics-imported = ✅ Диагностики загружены. Добавлено: { $added }, уже были в базе: { $skipped }.

## ИОМ: проверка
review-title = <b>Проверка ИОМ</b>
review-menu = 📥 Проверка ИОМ
review-items = 📥 Отчёты на проверку ({ $count })
review-routes = 📝 ИОМ на согласование ({ $count })
review-register = 📊 Реестр ИОМ (XLSX)
review-counts = 📋 Сводка по организациям
review-items-title = Отчёты на проверку, сначала давние: { $count }
review-routes-title = ИОМ на согласование, сначала давние: { $count }
review-open = Открыть
review-approve = ✅ Согласовать
review-return = ↩️ Вернуть на доработку
review-comment-ask = Почему возвращаете? Выберите причину, напишите комментарий для педагога или верните без комментария.
review-no-comment = Вернуть без комментария
review-route-waiting = 📝 ИОМ на согласование. Педагог: { $name }
review-item-waiting = 📥 Отчёт на проверку: «{ $title }». Педагог: { $name }
review-route-approved = ✅ ИОМ согласован. Педагог: { $name }
review-route-returned = ↩️ ИОМ возвращён на доработку. Педагог: { $name }
review-item-returned = ↩️ Отчёт возвращён: «{ $title }». Педагог: { $name }
review-item-confirmed = Выполнение подтверждено.
item-confirm = ✔️ Подтвердить
item-return = ↩️ Вернуть
route-already-reviewed = Этот ИОМ уже рассмотрен.
item-already-reviewed = Этот отчёт уже рассмотрен.
route-approved-owner = ✅ Ваш ИОМ согласован. Можно приступать и отчитываться о выполнении.
route-returned-owner = ↩️ Ваш ИОМ возвращён на доработку.
item-confirmed-owner = ✅ Выполнение подтверждено: «{ $title }».
item-returned-owner = ↩️ Отчёт возвращён: «{ $title }».
route-implemented-owner = 🎉 Поздравляем! Все пункты ИОМ выполнены — ИОМ реализован.
register-sheet = Реестр ИОМ
register-caption = Реестр ИОМ: строк — { $count }.
register-col-0 = Организация
register-col-1 = ФИО
register-col-2 = Дефицит
register-col-3 = Пункт ИОМ
register-col-4 = Вид
register-col-5 = Часы
register-col-6 = Срок
register-col-7 = Статус пункта
register-col-8 = Статус ИОМ
register-col-9 = Согласован
register-col-10 = Подтверждён
register-col-11 = Ссылка-подтверждение
register-col-12 = Вложений
counts-title = <b>ИОМ по организациям</b>
counts-line = { $school }: { $counts }
counts-none = В вашей области пока нет ИОМ.

## Напоминания
reminder-7d = ⏰ Через неделю срок пункта ИОМ «{ $title }» ({ $deadline }).
reminder-1d = ⏰ Завтра срок пункта ИОМ «{ $title }» ({ $deadline }).
reminder-overdue = ❗ Просрочен пункт ИОМ «{ $title }» (срок был { $deadline }). Отчитайтесь о выполнении или согласуйте новый срок.

## Диагностика вручную
diagnostic-by-hand = ➕ Диагностика вручную
diagnostic-search = Напишите фамилию педагога (или часть ФИО).
diagnostic-search-short = Напишите хотя бы две буквы.
diagnostic-nobody = В вашей области никого не нашёл. Проверьте написание.
diagnostic-choose-person = Выберите педагога:
diagnostic-choose-kind = Вид диагностики:
diagnostic-choose-level = Уровень:
diagnostic-choose-areas = Отметьте дефициты по областям компетенций и нажмите «Сохранить».
diagnostic-saved = ✅ Диагностика сохранена.
diagnostic-kind-federal = федеральная
diagnostic-kind-regional = региональная
diagnostic-kind-municipal = муниципальная
diagnostic-kind-school = школьная
level-high = высокий
level-elevated = повышенный
level-basic = базовый
level-low = низкий
review-teacher-route = 🧭 ИОМ педагога

## Каталог активностей
catalogue-manage = 📚 Каталог активностей
catalogue-title = <b>Каталог активностей муниципалитета</b>
catalogue-empty-manage = Каталог пока пуст. Загрузите его файлом.
catalogue-entry = <b>{ $title }</b>
    { $kind } · часов: { $hours } · реестр: { $registry ->
        [federal] ФР ДПП
        [regional] РР ДПП
       *[none] —
    }
    Компетенции: { $areas }
catalogue-hide = 🙈 Убрать из каталога
catalogue-hidden = Убрана из каталога.
catalogue-hidden-title = Активность «{ $title }» убрана из каталога. Пункты ИОМ с ней остаются. Вернуть — загрузите каталог с этой строкой.
catalogue-hide-confirm = Убрать «{ $title }» из каталога? Педагоги больше не смогут добавить эту активность в ИОМ; пункты, уже добавленные в ИОМ, останутся.
catalogue-menu-title = <b>Каталог и диагностика</b>
    Каталог активностей муниципалитета, загрузка каталога и результатов диагностик, диагностика вручную.
catalogue-sheet = Каталог
diagnostics-sheet = Диагностики
catalogue-choose-deficits = Активности по вашим дефицитам ({ $areas }). Нажмите на активность, чтобы посмотреть её и добавить.
catalogue-show-all = 📚 Показать весь каталог
catalogue-show-deficits = 🎯 Только по дефицитам
catalogue-add = ➕ Добавить в ИОМ
item-remove-confirm = Удалить пункт «{ $title }» из ИОМ? Его название, срок и история изменений будут удалены.
review-next = Следующий ›
review-queue-empty = ✅ Очередь пуста: всё рассмотрено.
review-reason-1 = Нет подтверждающего документа
review-reason-2 = Срок не соответствует
review-reason-3 = Нужен другой формат
item-move-deadline = 📅 Перенести срок
deadline-ask-date = «{ $title }». Сейчас срок: { $deadline }. Выберите новый срок: конец четверти, полугодия, учебного года или день в календаре. Можно и написать дату: ДД.ММ.ГГГГ.
deadline-ask-reason = Новый срок: { $deadline }. Почему нужно перенести срок? Выберите причину или напишите свою.
deadline-reason-1 = Болезнь
deadline-reason-2 = Мероприятие перенесли организаторы
deadline-reason-3 = Курс ещё не начался или нет мест
deadline-reason-4 = Высокая нагрузка
deadline-asked = 📅 Просьба о переносе срока отправлена на согласование.
deadline-waiting = 📅 Просьба перенести срок пункта «{ $title }». Педагог: { $name }
    Срок был: { $deadline }, предлагается: { $date }
    Причина: { $comment }
deadline-approve = ✅ Согласовать
deadline-refuse = ✖️ Отказать
deadline-approved = ✅ Новый срок согласован: «{ $title }» — { $deadline }. Педагог: { $name }
deadline-refused = ✖️ В переносе срока отказано: «{ $title }», срок остаётся { $deadline }. Педагог: { $name }
deadline-moved-owner = 📅 Новый срок пункта «{ $title }» согласован: { $deadline }.
deadline-refused-owner = ✖️ Перенос срока пункта «{ $title }» не согласован. Можно отчитаться о выполнении или попросить другой срок.
deadline-same = Это и есть текущий срок. Выберите другой день.
deadline-already-asked = Просьба о переносе этого срока уже ждёт решения.
deadline-already-decided = Эта просьба уже рассмотрена.
deadline-bad-reason = Напишите причину: до 500 символов.
history-deadline_asked = просьба перенести срок
history-deadline_moved = срок перенесён
history-deadline_refused = в переносе срока отказано
diagnostic-next = Далее ›
diagnostic-choose-date = Когда проводилась диагностика? Выберите день в календаре или напишите дату: ДД.ММ.ГГГГ.
diagnostic-date-future = Дата диагностики не может быть в будущем.
diagnostic-date-old = Диагностика старше пяти лет — укажите более позднюю дату.
diagnostic-open-route = 🧭 ИОМ педагога
diagnostic-another = ➕ Ещё одна диагностика

## Мероприятия
cmd-events = Семинары и методические мероприятия
menu-events = 📅 Мероприятия
col-status = Статус
events-title = <b>Ближайшие мероприятия для вас</b> (дата · название · свободных мест)
events-none = Ближайших мероприятий для вас пока нет.
events-coordinator = <b>Мероприятия</b>: в «Прошедших» видно, кто из педагогов вашей организации пришёл.
events-organiser = <b>Мероприятия муниципалитета</b>
events-all-kinds = все виды
events-mine = 📋 Мероприятия муниципалитета
events-mine-title = Мероприятия муниципалитета: { $count }
events-past = 🗂 Прошедшие
events-past-title = <b>Прошедшие мероприятия</b>: { $count }
    Откройте мероприятие, чтобы отметить присутствие, выгрузить участников или разослать материалы.
events-past-none = Прошедших мероприятий пока нет.
event-past-held = { $date } · { $title } · пришли: { $attended }
event-past-cancelled = { $date } · { $title } · отменено
events-past-school-title = <b>Прошедшие мероприятия</b>, на которые записывались педагоги вашей организации: { $count }
    Откройте мероприятие, чтобы увидеть, кто из них пришёл.
event-school-attendance = <b>Педагоги вашей организации</b> (✅ пришли, ❌ не пришли, ▫️ присутствие не отмечено, ⏳ были в листе ожидания):
event-school-seat = { $mark } { $name }
events-need-roster = Записываться на мероприятия могут педагоги из реестра. Откройте персональную ссылку или подайте заявку: /start
event-kind-seminar = семинар
event-kind-master_class = мастер-класс
event-kind-webinar = вебинар
event-kind-internship = стажировка
event-kind-association = заседание МО
event-kind-conference = конференция
event-kind-contest = конкурс
event-title = <b>{ $title }</b>
event-when = { $kind }, { $start }–{ $end } ({ $timezone })
event-place = 📍 { $place }
event-description = { $description }
event-seats = { $left ->
        [-1] Мест: без ограничений
       *[other] Свободно мест: { $left } из { $capacity }
    }
event-is-cancelled = 🚫 Мероприятие отменено.
event-my-status = { $status ->
        [registered] ✅ Вы записаны.
        [waitlisted] ⏳ Вы в листе ожидания, место { $position }.
        [attended] ✅ Присутствие отмечено.
        [no_show] Отмечена неявка.
       *[other] {""}
    }
event-sign-up = ✅ Записаться
event-cancel-mine = ❌ Отменить запись
event-to-route = ➕ В мой ИОМ
event-check-in = 📍 Отметиться на месте
event-manage = ⚙️ Управление
event-open = Открыть мероприятие
event-signed-up = ✅ Вы записаны на «{ $title }». Файл — для календаря телефона.
event-waitlisted = ⏳ Мест нет: вы в листе ожидания на «{ $title }», место { $position }. Если место освободится, я сообщу.
event-cancelled-mine = Запись отменена.
event-promoted = 🎉 Освободилось место: вы записаны на «{ $title }».
event-added-to-route = ➕ «{ $title }» добавлено в ваш ИОМ. Присутствие на мероприятии подтвердит этот пункт.
event-check-in-ask = Напишите код, который показывает организатор.
event-checked-in = ✅ Присутствие на «{ $title }» отмечено.
event-already-registered = Вы уже записаны на это мероприятие или стоите в листе ожидания.
event-already-started = Мероприятие уже началось.
event-already-checked-in = Вы уже отмечены.
event-already-in-route = Это мероприятие уже есть в вашем ИОМ.
event-no-route = Сначала составьте ИОМ: /route
event-not-for-you = Это мероприятие не для вашей категории или организации.
event-not-registered = Вы не записаны на это мероприятие.
event-not-started = Отмечать присутствие можно с начала мероприятия.
event-registration-closed = Запись на это мероприятие закрыта.
event-cancelled = Мероприятие отменено.
event-check-in-closed = Отметиться можно за час до начала и до двух часов после окончания.
event-check-in-waitlisted = Вы в листе ожидания — отметиться можно только с местом.
event-bad-code = Неверный код. Проверьте и напишите ещё раз.
event-bad-datetime = Не понял дату и время. Напишите так: 25.12.2026 15:00
event-bad-title = Название — от 1 до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
event-in-past = Дата уже прошла.
event-ends-before-start = Окончание должно быть позже начала.
event-too-long = Мероприятие не может длиться дольше 60 дней.
event-bad-capacity = Число мест — от 1 до { $limit }; 0 — без ограничений.
event-bad-deadline = Запись должна закрываться до начала мероприятия.
event-too-much-text = Слишком длинный текст: можно до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
event-capacity-below = Уже записались: { $taken }. Мест не может быть меньше.
event-new = ➕ Новое мероприятие
event-ask-title = Название мероприятия?
event-ask-kind = Вид мероприятия:
event-ask-end = Сколько длится? Выберите, напишите минуты (например, 20), время окончания (17:00) или дату и время.
event-ask-place = Место или ссылка на трансляцию.
event-ask-capacity = Сколько мест? Выберите или напишите число (0 — без ограничений).
event-unlimited = без ограничений
event-ask-audience = Для кого?
event-audience-all = весь муниципалитет
event-audience-young = только молодые специалисты
event-created = ✅ Мероприятие «{ $title }» создано.
event-manage-title = <b>{ $title }</b>
    Записано: { $registered }, в листе ожидания: { $waitlisted }, пришли: { $attended }, не пришли: { $no_show }
    Код для отметки на месте: <code>{ $code }</code>
    Ссылка для отметки (покажите её на экране или QR-кодом): { $link }
    Ссылка на мероприятие, чтобы поделиться: { $share }
event-participants = 👥 Участники (XLSX)
event-participants-sheet = Участники
event-attendance = ✔️ Отметить присутствие
event-attendance-title = Нажмите на участника, чтобы отметить присутствие (✅) или отсутствие (❌).
event-change-capacity = 🔢 Изменить число мест
event-ask-new-capacity = Сколько мест теперь? Выберите или напишите число (0 — без ограничений).
event-capacity-set = Число мест изменено. Из листа ожидания записано: { $promoted }.
event-cancel = 🚫 Отменить мероприятие
event-cancel-ask = Отменить мероприятие? Записавшиеся и ожидающие получат уведомление об отмене — всего: { $count }.
event-cancel-confirm = 🚫 Да, отменить
event-cancelled-told = Мероприятие «{ $title }» отменено. Уведомлено: { $count }.
event-cancelled-notice = 🚫 Мероприятие «{ $title }» ({ $start }) отменено.
registration-registered = есть место
registration-waitlisted = в листе ожидания
registration-cancelled = запись отменена
registration-attended = отмечено присутствие
registration-no_show = неявка
event-reminder-24h = ⏰ Завтра: «{ $title }», { $start }. Место: { $place }
event-reminder-1h = ⏰ Через час: «{ $title }», { $start }. Место: { $place }
event-plan = 📥 План мероприятий из файла
event-plan-sheet = План
event-plan-ask = Заполните шаблон — строка на мероприятие — и пришлите файл (XLSX или CSV). Даты — ДД.ММ.ГГГГ ЧЧ:ММ; «Мест» пусто — без ограничений; «Организации» и «Предметы» — через запятую или пусто для всех.
event-plan-imported = ✅ Создано мероприятий: { $count }.
file-too-many-events = В файле больше { $limit ->
        [one] { $limit } мероприятия
       *[other] { $limit } мероприятий
    }. Разделите его на части.
problem-bad-datetime = не дата и время (нужно ДД.ММ.ГГГГ ЧЧ:ММ): «{ $value }»
problem-unknown-school = таких организаций нет в муниципалитете: «{ $value }»
problem-event-bad-title = название — от 1 до 300 символов
problem-event-in-past = дата уже прошла
problem-event-ends-before-start = окончание раньше начала
problem-event-too-long = дольше 60 дней
problem-event-bad-capacity = число мест — от 1 до 10 000
problem-event-bad-deadline = запись должна закрываться до начала
problem-event-too-much-text = слишком длинный текст
event-edit = ✏️ Изменить
event-edit-choose = Что изменить? Записавшиеся получат уведомление.
event-edit-title = Название
event-edit-place = Место
event-edit-description = Описание
event-edit-start = Начало
event-edit-end = Окончание
event-edit-ask-title = Новое название?
event-edit-ask-place = Новое место или ссылка?
event-edit-ask-description = Новое описание?
event-edit-ask-start = Выберите новый день начала или напишите дату и время целиком, например: 25.12.2026 15:00 (длительность сохранится).
event-edit-ask-end = Сколько теперь длится? Выберите, напишите минуты, время окончания (17:00) или дату и время.
event-edited = ✅ «{ $title }» изменено. Уведомлено: { $count }.
event-changed-notice = ✏️ Изменения в мероприятии «{ $title }»: { $start }, место: { $place }.
event-materials = 📎 Материалы участникам
event-materials-ask = Пришлите материалы одним сообщением — файл, фото или текст. Я перешлю их участникам (пришедшим, если присутствие отмечено, иначе всем записанным).
event-materials-sending = ⏳ Отправляю участникам: { $count }…
event-materials-label = Материалы: { $title }
event-ask-deadline = До какого момента открыта запись? Напишите ДД.ММ.ГГГГ ЧЧ:ММ или нажмите кнопку.
event-deadline-start = До начала мероприятия
event-audience-schools = выбрать организации
event-audience-mentor = наставникам
event-audience-manager = руководителям
event-ask-schools = Отметьте организации и нажмите «Готово». Отмечено: { $count }.
event-schools-done = ✅ Готово
event-schools-none = Отметьте хотя бы одну организацию.
events-my-subjects = по моим предметам
event-ask-description = Коротко о мероприятии: для кого, что будет.
event-ask-subjects = Для учителей каких предметов? Отметьте предметы из реестра и нажмите «Готово», напишите свои через запятую или выберите «Для всех предметов».
event-all-subjects = Для всех предметов
event-bad-subjects = Напишите предметы через запятую (каждый — до 100 символов).
event-ask-day = Выберите день начала ({ $timezone }) или напишите дату и время целиком, например: 25.12.2026 15:00
event-ask-time = { $day }: во сколько начало? Выберите или напишите, например: 15:30
event-bad-time = Не понял время. Напишите так: 15:30
event-duration = { $minutes } мин
event-subjects-done = ✅ Готово
event-edit-clear = 🗑 Убрать
event-card = 🗂 Карточка мероприятия
event-attendance-none = Записавшихся с местом пока нет.
event-ics = 📅 Файл для календаря
event-ics-caption = 📅 «{ $title }» — файл для календаря телефона.
event-cancel-mine-ask = Отменить вашу запись на «{ $title }»?
event-cancel-mine-waitlist = Место перейдёт следующему в листе ожидания.
event-cancel-mine-confirm = ❌ Да, отменить запись
event-link-join-first = Чтобы записаться на мероприятие, сначала присоединитесь: откройте персональную ссылку из реестра или подайте заявку.
event-link-unavailable = Это мероприятие недоступно: его нет или оно не для вашей организации или категории.
event-waitlist-place = очередь: { $position }
events-registrations = 🎟 Мои записи
events-registrations-title = <b>Мои записи</b> (✅ — есть место, ⏳ — лист ожидания): { $count }
events-registrations-none = У вас нет записей на предстоящие мероприятия.
events-find = 📅 Найти мероприятие

## Наставничество
cmd-mentor = Наставник и наставляемые
menu-mentor = 🤝 Наставничество
mentor-title = <b>Наставничество</b>
mentor-none = Пар наставничества с вашим участием пока нет.
mentor-yours = Ваш наставник: <b>{ $name }</b>, { $school }. Предметы: { $subjects }
mentor-mentee = Наставляемый: <b>{ $name }</b>, { $school }. Предметы: { $subjects }
mentor-last-meeting = Последняя встреча: { $date }
mentor-write-mentor = ✉️ Написать наставнику
mentor-card-write = ✉️ Написать
relay-ask = Напишите сообщение (можно фото или документ) — я передам его, не показывая ваш аккаунт.
relay-wrong-type = Передать можно текст, фото или документ.
relay-from-mentor = ✉️ Сообщение от наставника ({ $name }):
relay-from-mentee = ✉️ Сообщение от наставляемого ({ $name }):
relay-reply = ↩️ Ответить
relay-sent = ✅ Передано: { $name }.
relay-not-joined = Сообщение не передано: { $name } — ещё не в боте. Координатор может отправить этому педагогу приглашение.
pair-new = ➕ Новая пара наставничества
pair-ask-mentor = Наставник: напишите фамилию (или часть ФИО).
pair-ask-mentee = Наставляемый: напишите фамилию (или часть ФИО).
pair-ask-kind = Вид наставничества:
pair-kind-young = молодой специалист
pair-kind-after_break = после перерыва в работе
pair-kind-deficits = педагог с дефицитами
pair-kind-peer = равный — равному
pair-created = ✅ Пара создана: { $mentor } → { $mentee }.
pair-young-other-kind = Обратите внимание: наставляемый — молодой специалист, а выбран другой вид наставничества.
pair-told-mentor = 🤝 Вы назначены наставником: { $name } ({ $school }). Чтобы написать наставляемому, просто отправьте сообщение в этот чат.
pair-told-mentee = 🤝 Ваш наставник: { $name } ({ $school }). Чтобы написать наставнику, просто отправьте сообщение в этот чат.
pair-self = Нельзя быть наставником самому себе.
pair-not-young = Наставляемый не молодой специалист (моложе 35 лет и до 3 лет стажа). Выберите другой вид наставничества.
pair-duplicate = Такая пара уже действует.
pair-mentor-limit = У наставника уже { $limit ->
        [one] { $limit } наставляемый
       *[other] { $limit } наставляемых
    } — это предел.
mentor-card-meeting = 📝 Записать встречу
meeting-ask-date = Когда была встреча? Выберите день или напишите дату ДД.ММ.ГГГГ.
meeting-today = Сегодня
meeting-yesterday = Вчера
meeting-ask-minutes = Сколько минут длилась встреча? Выберите или напишите число (от 5 до 480).
meeting-ask-format = Формат:
meeting-offline = очно
meeting-online = онлайн
meeting-ask-topic = Тема встречи?
meeting-ask-notes = Коротко: что сделали, о чём договорились. Или нажмите «Без заметок».
meeting-saved = ✅ Встреча записана. Наставляемый подтвердит её.
meeting-check = 🤝 Запись о встрече { $date }: «{ $topic }».
    Наставник: { $name }. Встреча состоялась?
meeting-confirm = ✅ Да
meeting-dispute = ❌ Нет
meeting-confirmed = ✅ Спасибо, встреча подтверждена.
meeting-disputed = Отмечено, что встреча не состоялась. Наставник и координатор увидят это.
meeting-pending = Ожидает подтверждения.
meeting-already-answered = На эту встречу уже ответили.
meeting-in-future = Встреча не может быть в будущем.
meeting-too-old = Встречу старше 90 дней записать нельзя.
meeting-bad-minutes = Длительность — от 5 минут до 8 часов.
meeting-bad-topic = Тема — от 1 до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }, заметки — до 2000.
pairs-overview = 📋 Пары моей области
pairs-title = <b>Наставничество</b>: пар — { $active }, встреч — { $meetings }, без встреч больше 30 дней — { $silent }
pairs-silent-line = • { $mentor } → { $mentee }
pairs-export = 📊 Пары и журнал встреч (XLSX)
pairs-sheet = Пары
meetings-sheet = Встречи
pair-status-active = действует
pair-status-completed = завершена
pair-status-dissolved = расформирована
pairs-col-0 = Организация
pairs-col-1 = Наставник
pairs-col-2 = Наставляемый
pairs-col-3 = Вид
pairs-col-4 = Статус
pairs-col-5 = Начало
pairs-col-6 = Встреч
pairs-col-7 = Последняя встреча
meetings-col-0 = Организация
meetings-col-1 = Наставник
meetings-col-2 = Наставляемый
meetings-col-3 = Дата
meetings-col-4 = Минут
meetings-col-5 = Формат
meetings-col-6 = Тема
meetings-col-7 = Заметки
meetings-col-8 = Подтверждение
nudge-mentor = 🤝 Наставляемый: { $mentee }. Встреч не было { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }. Договоритесь о встрече и запишите её: /mentor
nudge-managers = ⚠️ Пара наставничества { $mentor } → { $mentee }: встреч не было { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.
pair-manage = <b>Пара наставничества</b>
    Наставник: { $mentor }
    Наставляемый: { $mentee }
    Вид: { $kind }. Начало: { $start }. Последняя встреча: { $last }
pair-complete = ✅ Завершить
pair-dissolve = ✖️ Расформировать
pair-ask-reason-complete = Коротко: итог наставничества (сохранится в истории пары).
pair-ask-reason-dissolve = Коротко: причина, по которой пара расформировывается (сохранится в истории пары).
pair-bad-reason = Напишите итог или причину (до 2000 символов).
pair-already-ended = Эта пара уже завершена или расформирована.
pair-ended = Пара { $mentor } → { $mentee }: { $status }.
pair-ended-notice = 🤝 Пара наставничества { $mentor } → { $mentee }: { $status }.
mentor-card-plan = 🗓 План наставничества
plan-open = 🗓 План наставничества
mentor-planned-end = Плановое окончание: { $date }
pair-result-line = Итог: { $result }
pair-result-write = ✍️ Итог наставничества
pair-result-ask = Напишите коротко итог наставничества для наставляемого: чему удалось научиться, что получилось, что дальше.
pair-result-saved = ✅ Итог сохранён и отправлен: { $name }.
pair-result-notice = 🎓 Итог наставничества. Наставник: { $name }
    { $result }
pair-result-early = Итог пишется в конце периода наставничества — с { $date }.
pairs-col-8 = Итог
nudge-result = 🎓 Плановый срок наставничества подошёл к концу. Наставляемый: { $mentee }. Напишите, пожалуйста, короткий итог для наставляемого.
meeting-correct = ✏️ { $date } { $topic }
meeting-ask-topic-plan = Тема встречи: выберите из плана или напишите свою.
meeting-edit-topic = ✏️ Тема
meeting-edit-notes = ✏️ Заметки
meeting-edit-delete = 🗑 Удалить
meeting-card = 🤝 Встреча { $date }, { $minutes } мин, { $format }
    Тема: { $topic }
    Заметки: { $notes }
    { $status }
meeting-delete-ask = Удалить запись о встрече { $date } «{ $topic }»? Она исчезнет из журнала пары и из отчётов координатора; вернуть её будет нельзя.
meeting-delete-yes = 🗑 Да, удалить
meeting-deleted = Запись о встрече удалена.
meeting-edit-closed = Исправлять и удалять запись можно в течение суток после того, как она сделана.
meeting-log-open = 📖 Журнал встреч
meeting-propose = 📝 Предложить запись о встрече
meeting-no-notes = Без заметок
meeting-proposed = ✅ Запись отправлена наставнику: он подтвердит её одним нажатием.
meeting-proposal-check = 🤝 Наставляемый предлагает запись о встрече { $date }, { $minutes } мин: «{ $topic }».
    Наставляемый: { $name }
    Заметки: { $notes }
    Встреча состоялась?
meeting-proposal-confirmed = ✅ Запись подтверждена и добавлена в журнал встреч.
meeting-proposal-disputed = Запись отклонена: в журнале она отмечена как несостоявшаяся встреча.
meeting-proposal-answer-confirmed = ✅ Ваша запись о встрече { $date } «{ $topic }» подтверждена и добавлена в журнал встреч.
    Наставник: { $name }
meeting-proposal-answer-disputed = ❌ Ваша запись о встрече { $date } «{ $topic }» отклонена: в журнале она отмечена как несостоявшаяся встреча.
    Наставник: { $name }
meeting-log-title = <b>Журнал встреч</b>. Всего записей: { $count }
meeting-log-line = { $mark } { $date }, { $minutes } мин, { $format }: { $topic }
meeting-log-legend = ✅ подтверждена · ⏳ ждёт подтверждения · ❌ не состоялась
meeting-log-empty = Записей о встречах пока нет.
meeting-log-confirm = ✅ { $date }: состоялась
meeting-log-dispute = ❌ { $date }: не было
mentor-just-write = Чтобы написать, просто отправьте сообщение в этот чат — я спрошу, кому его передать.
mentor-waiting = Вы наставник, но пар у вас пока нет. Пары формирует координатор организации или методист: когда вас назначат, здесь появятся наставляемые, а я пришлю уведомление.
mentor-not-in-roster = Ваш аккаунт не связан с реестром педагогов: пары видны наставнику, которого бот нашёл в реестре.
home-not-in-roster = Ваш аккаунт ещё не связан с реестром педагогов. Найдите себя в нём — тогда появятся ваши ИОМ и пары наставничества.
self-link-start = 🔎 Найти себя в реестре
relay-confirm = Передать это сообщение? Ваш аккаунт не будет показан.
relay-choose = Кому передать это сообщение? Ваш аккаунт не будет показан.
relay-send-mentor = ✉️ Наставнику: { $name }
relay-send-mentee = ✉️ Наставляемому: { $name }
relay-draft-gone = Это сообщение уже отправлено или заменено новым. Напишите его ещё раз.
relay-too-long = Сообщение слишком длинное (предел символов — { $limit }). Разделите его на части или отправьте файлом через «✉️ Написать».
relay-text-from-mentor = ✉️ Сообщение от наставника ({ $name }):

    { $text }
relay-text-from-mentee = ✉️ Сообщение от наставляемого ({ $name }):

    { $text }
pair-new-another = ➕ Ещё одна пара
pair-end-ask-completed = Завершить пару? Наставник: { $mentor }. Наставляемый: { $mentee }.
    Итог: { $text }
    Оба получат уведомление, пара уйдёт в историю: переписка через бота, журнал встреч и план для неё закроются. Отменить это нельзя.
pair-end-ask-dissolved = Расформировать пару? Наставник: { $mentor }. Наставляемый: { $mentee }.
    Причина: { $text }
    Оба получат уведомление, пара уйдёт в историю: переписка через бота, журнал встреч и план для неё закроются. Отменить это нельзя.
plan-remove-ask = Убрать из плана тему «{ $topic }» ({ $month })? Встречи по ней останутся в журнале, но тема перестанет учитываться в плане.
plan-remove-yes = 🗑 Да, убрать
plan-topic-gone = Этой темы уже нет в плане.
plan-title = <b>План наставничества</b>: пройдено тем — { $covered } из { $total }
plan-line = { $mark } { $topic }
plan-empty = План пока пуст. Наставник может взять темы из шаблона и поправить их.
plan-propose = 📋 Взять из шаблона
plan-add = ➕ Тема
plan-remove = 🗑 Убрать тему
plan-ask-month = В какой месяц добавить тему?
plan-ask-topic = Тема на { $month }:
plan-ask-remove = Какую тему убрать из плана? (Встречи по ней останутся в журнале.)
plan-bad-month = Этот месяц вне срока наставничества.
plan-not-empty = План уже составлен — добавляйте или убирайте темы.
plan-too-many = В плане не больше { $limit ->
        [one] { $limit } темы
       *[other] { $limit } тем
    }.
plan-template-0 = Знакомство: коллектив, локальные акты, план адаптации
plan-template-1 = Рабочая программа и тематическое планирование
plan-template-2 = Подготовка урока: цели, структура, технологическая карта
plan-template-3 = Школьная документация и электронный журнал
plan-template-4 = Оценивание: критерии, формирующее оценивание
plan-template-5 = Управление классом и дисциплина
plan-template-6 = Работа с родителями и классное руководство
plan-template-7 = Открытый урок и взаимопосещения
plan-template-8 = Самоанализ года и ИОМ
month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь
pairs-people = Наставников — { $mentors }, наставляемых — { $mentees }; молодых специалистов в парах — { $young_paired } из { $young_total }
pairs-by-month = Встречи по месяцам: { $months }
pairs-silent-more = …и ещё { $count }
pairs-import = 📥 Загрузить пары из файла
pairs-import-ask = Заполните шаблон (наставник, наставляемый, вид; даты рождения — если есть однофамильцы) и пришлите файл XLSX или CSV. Пары создаются все сразу или ни одной.
pairs-imported = ✅ Создано пар: { $created }. Уже действовали (пропущены): { $skipped }.
problem-ambiguous = несколько человек с таким ФИО — укажите дату рождения: «{ $value }»
problem-pair-self = наставник и наставляемый — один человек: «{ $value }»
problem-not-young = не молодой специалист — выберите другой вид: «{ $value }»
problem-mentor-limit = у наставника будет больше наставляемых, чем можно: { $value }
problem-end-before-start = окончание не позже начала: «{ $value }»
file-too-many-rows = В файле больше { $limit ->
        [one] { $limit } строки
       *[other] { $limit } строк
    }. Разделите его на части.
cmd-news = Новости и рассылки
menu-news = 📣 Новости
news-title = <b>Новости</b>: последние рассылки
news-none = Рассылок пока не было.
news-new = ✍️ Новая рассылка
news-cancel-one = ✖️ Отменить рассылку №{ $id }
news-line-scheduled = 🕒 №{ $id } · { $when } · «{ $text }» — запланирована
news-line-sending = 📤 №{ $id } · { $when } · «{ $text }» — идёт: доставлено: { $sent } из { $total }, осталось: { $left }
news-line-done = ✅ №{ $id } · { $when } · «{ $text }» — доставлено: { $sent } из { $total }, не доставлено: { $failed }
news-line-cancelled = ✖️ №{ $id } · { $when } · «{ $text }» — отменена
news-line-draft = ✏️ №{ $id } · { $when } · «{ $text }» — черновик
news-ask-content = Пришлите текст новости. Оформление (жирный, курсив, ссылки) сохранится. Можно приложить одно фото или документ — тогда текст станет подписью к нему.
news-wrong-type = Нужен текст, фото или документ.
news-empty = Новость не может быть пустой.
news-too-long = Слишком длинный текст. Символов: { $length }, можно не больше: { $limit } (с фото или документом — 1024). Сократите или разделите на две новости.
news-ask-audience = Кому отправить?
news-audience-all = Всем в муниципалитете
news-audience-schools = Выбрать организации
news-audience-roles = По ролям
news-audience-subjects = По предметам
news-audience-young = Молодым специалистам
news-audience-mentors = Наставникам
news-audience-event = Участникам мероприятия
news-role-teacher = педагоги
news-role-mentor = наставники
news-role-coordinator = координаторы ОО
news-role-methodist = методисты
news-choose-schools = Отметьте организации и нажмите «Готово».
news-choose-roles = Отметьте роли и нажмите «Готово».
news-choose-subjects = Отметьте предметы и нажмите «Готово».
news-choose-event = Участникам какого мероприятия?
news-chosen = Готово (выбрано: { $count })
news-choose-something = Отметьте хотя бы одно.
news-no-recipients = В этой аудитории нет ни одного получателя, подключённого к боту. Выберите другую.
news-preview = Получателей: <b>{ $count }</b>. Так они увидят новость:
news-now = 📤 Отправить сейчас
news-later = 🕒 Запланировать
news-queued = 📤 Рассылка №{ $id } поставлена в очередь: { $count ->
        [one] { $count } получатель
        [few] { $count } получателя
       *[many] { $count } получателей
    }. Здесь будет виден ход отправки.
news-progress = 📤 Рассылка №{ $id }: доставлено: { $sent }, не доставлено: { $failed }, осталось: { $left } · { $rate } сообщ./с · ещё ≈ { $minutes } мин
news-done = ✅ Рассылка №{ $id } завершена. Доставлено: { $sent } из { $total }, не доставлено: { $failed } (в том числе тем, кто заблокировал бота).
news-ask-when = Когда отправить? Выберите день в календаре или напишите дату и время: ДД.ММ.ГГГГ ЧЧ:ММ (местное время).
news-ask-time = Во сколько отправить { $date }? Выберите время или напишите его: ЧЧ:ММ (местное время).
news-cancel-question = Отменить рассылку №{ $id } «{ $text }», запланированную на { $when }? Она не уйдёт, и её не получит никто; чтобы отправить её позже, придётся составить её заново.
news-cancel-yes = Да, отменить рассылку
news-preview-card = Под новостью — карточка мероприятия с кнопкой «{ $button }»: получатель записывается одним нажатием, если мероприятие для него.
news-card-attach = 📅 Прикрепить мероприятие
news-card-remove = ✖️ Убрать мероприятие
news-choose-card = Карточку какого мероприятия прикрепить к новости? Получатели смогут записаться прямо из неё.
news-none-open-event = В муниципалитете нет мероприятий, открытых для записи. Сначала создайте мероприятие.
news-none-schools = В муниципалитете пока нет организаций: они появляются из реестра педагогов. Сначала загрузите реестр.
news-none-subjects = В реестре пока нет предметов. Сначала загрузите реестр педагогов с предметами.
news-none-event = У муниципалитета нет мероприятий за последнюю неделю и впереди. Сначала создайте мероприятие.
news-card-too-long = С карточкой мероприятия новость не помещается в одно сообщение. Символов: { $length }, можно не больше: { $limit }. Сократите текст новости или отправьте её без карточки.
news-in-past = Это время уже прошло. Укажите будущее.
news-scheduled = 🕒 Рассылка №{ $id } запланирована на { $when }. Отменить можно в /news.
news-cancelled = Рассылка №{ $id } отменена.
news-not-draft = Эта рассылка уже отправлена или запланирована.
news-not-cancellable = Эту рассылку уже не отменить: она отправлена или отменена.
settings-digest = 📬 Еженедельная сводка: { $state }
settings-digest-on = { $day }, { $hour }
settings-digest-off = выключена
settings-digest-day = 📅 День
settings-digest-hour = 🕘 Время
settings-digest-stop = 🔕 Не присылать
settings-digest-start = 🔔 Присылать сводку
settings-saved = Сохранено
privacy-export = 📄 Мои данные
privacy-export-caption = Всё, что бот хранит о вас: аккаунт, роли, запись в реестре, диагностики, ИОМ с подтверждениями и историей, записи на мероприятия, наставничество, сообщества, заявки на вступление.
privacy-withdraw = 🗑 Отозвать согласие и удалить данные
privacy-withdraw-ask =
    <b>Отозвать согласие и удалить данные?</b>

    <b>Удаляется:</b> связь этого Telegram-аккаунта с ботом и с реестром, ваши роли, заявки на вступление, неотправленные сообщения, подтверждения выполнения пунктов ИОМ (файлы, ссылки, тексты), самооценка, комментарии к ИОМ, заметки о встречах и итоги наставничества. Сообщения наставнику и наставляемому бот не хранит.

    <b>Остаётся в реестре организации-работодателя</b> (по этим данным она отчитывается): ФИО, организация, должность, даты рождения и начала педагогической работы, контакты из файла реестра, диагностики, ИОМ и статусы его пунктов, записи на мероприятия и посещение, пары наставничества и даты встреч, участие в сообществах. Сохранённые значения показателей содержат только числа, без имён.

    После этого бот вас не узнает. Чтобы вернуться, снова дайте согласие и откройте новую ссылку-приглашение.
privacy-withdraw-confirm = 🗑 Да, отозвать и удалить
privacy-kept = Согласие не отозвано, данные на месте.
privacy-withdrawn = Согласие отозвано, данные удалены.
weekday-0 = понедельник
weekday-1 = вторник
weekday-2 = среда
weekday-3 = четверг
weekday-4 = пятница
weekday-5 = суббота
weekday-6 = воскресенье
digest-title = 📬 <b>Ваша неделя</b>
digest-my-events = 🗓 Ваши мероприятия на неделе ({ $count }):
digest-new-events = 🆕 Новые мероприятия для вас ({ $count }), запись открыта — /events:
digest-event-line = • { $start } — { $title }
digest-more = …и ещё { $count }
digest-items = 🧭 ИОМ (/route): пунктов со сроком на этой неделе — { $due }, просрочено — { $overdue }.
digest-mentoring = 🤝 Наставничество (/mentor): встреч за неделю — { $meetings }; без встреч давно — { $silent }.
digest-silent-line = • { $name }
digest-review = 📥 Ждут вашего решения: отчётов — { $reports }, ИОМ — { $routes }, заявок на вступление — { $joins }.
cmd-indicators = Показатели системы НМС
cmd-communities = Методические объединения и сообщества
menu-indicators = 📈 Показатели
menu-communities = 👥 МО и сообщества
indicators-title = <b>Показатели</b> · { $scope } · { $period }
indicators-set = { $title }
indicators-line = { $mark } { $no }. { $name }: <b>{ $value }</b> (цель { $target })
indicators-xlsx = 📄 Отчёт XLSX
indicators-xlsx-caption = Отчёт по показателям: итог и лист по каждой организации.
indicators-sets = ⚙️ Набор показателей
indicators-choose-set = Выберите набор показателей, по которому отчитывается муниципалитет:
period-kind-month = Месяц
period-kind-quarter = Квартал
period-kind-school_year = Учебный год
period-kind-year = Год
period-month = { $month_no ->
        [1] январь
        [2] февраль
        [3] март
        [4] апрель
        [5] май
        [6] июнь
        [7] июль
        [8] август
        [9] сентябрь
        [10] октябрь
        [11] ноябрь
       *[12] декабрь
    } { $year }
period-quarter = { $quarter ->
        [1] I
        [2] II
        [3] III
       *[4] IV
    } квартал { $year }
period-school_year = { $year }/{ $next } учебный год
period-year = { $year } год
indicator-in-progress = в процессе (итог — на { $until })
indicator-entered = внесено: { $who }, { $at }
indicator-window = Считается за: { $start } – { $end }
indicator-history-line = • раньше: { $value } — { $entered }
indicator-second = Из них на базовом уровне и выше: { $counted } из { $of }
indicator-reading = <b>Как считается.</b> { $reading }
indicator-unknown-age = Нет данных о возрасте: { $count } (нет даты рождения или начала работы — исправьте реестр):
indicator-each-school = Организаций, где цель не выполнена: { $count }
indicator-no-data = нет данных
indicator-yes = да
indicator-no = нет
indicator-met = выполнено
indicator-not-met = не выполнено
indicator-unknown = нет данных
indicator-name = <b>{ $no }.</b> { $name }
indicator-value = Значение: <b>{ $value }</b> · цель { $target } · { $status }
indicator-fraction = Числитель / знаменатель: { $numerator } / { $denominator }
indicator-not-counted = Ещё не учтены ({ $count }, первые по алфавиту):
indicator-person = • { $name }
indicator-behind = Отстают сильнее всего:
indicator-school = • { $name }: { $value } ({ $numerator } / { $denominator })
indicator-schools-chart = 📊 По организациям
indicator-trend = 📈 Динамика по месяцам
indicator-rebuild = 🔄 Пересчитать по данным
indicator-set-target = 🎯 Изменить цель
indicator-enter-value = ✍️ Ввести значение за период
indicator-no-data-chart = Для графика пока нет данных.
indicator-chart-caption = { $name }: значения по организациям, пунктир — цель.
indicator-trend-caption = { $name }: по месяцам, пунктир — цель.
indicator-ask-target = Новое целевое значение (число; прежние цели сохранятся в истории):
indicator-ask-manual = Значение за выбранный период: число (для процентов — от 0 до 100) или «да» / «нет».
indicator-bad-number = Нужно число, например 60 или 62,5, или «да» / «нет».
indicator-bad-target = Цель — число от 0 (для процентов — до 100).
indicator-bad-value = Значение вне допустимого: для процентов 0–100, для «да/нет» — да или нет.
indicator-not-manual = Этот показатель считается по данным бота, вводить его не нужно.
communities-title = <b>Методические объединения и профессиональные сообщества</b>
communities-line = • { $name } ({ $level }), участников: { $members }
communities-none = Сообществ пока нет.
communities-new = ➕ Новое сообщество
communities-upload = 📥 Загрузить участников
communities-join-done = Вы вступили
communities-leave-done = Вы вышли
communities-ask-name = Название объединения или сообщества:
communities-ask-level = Уровень:
communities-created = ✅ Добавлено: { $name }.
communities-sheet = Участники
communities-upload-ask = Заполните шаблон (ФИО, дата рождения, название сообщества как в списке) и пришлите файл. Участники добавятся все или ни одного.
communities-imported = ✅ Добавлено участников: { $count }.
community-bad-name = Название — от 1 до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }.
community-level-school = школьное
community-level-municipal = муниципальное
community-level-regional = региональное
community-level-network = сетевое
digest-indicators = 📈 Показатели за учебный год (/indicators):
digest-indicator-line = { $mark } { $name }: { $value } (цель { $target })
indicators-pick-school = 🏫 По организации
indicators-pick-municipality = 🏙 По муниципалитету
indicators-pick = Выберите, чьи показатели открыть:
indicators-pick-none-school = В муниципалитете пока нет организаций: они появляются из реестра педагогов. Сначала загрузите реестр.
indicators-pick-none-municipality = В регионе пока нет муниципалитетов. Сначала добавьте муниципалитет.

## Администратор как методист, первый день, приглашения по реестру
menu-municipality = 🏙 Работать в муниципалитете
help-item-municipality = выбрать муниципалитет и работать в нём как методист: реестр, мероприятия, показатели.
acting-in = 🏙 Вы работаете в муниципалитете «{ $municipality }» как методист.
acting-choose = { $name ->
        [none] Выберите муниципалитет: в нём вы будете работать как методист — реестр, приглашения, мероприятия, показатели.
       *[other] Сейчас вы работаете в муниципалитете «{ $name }». Выберите, в каком работать как методист:
    }
acting-no-municipalities = В боте пока нет муниципалитетов. Сначала добавьте муниципалитет — потом выберите его здесь.
checklist-title = <b>Первые шаги</b> — отметятся сами, когда будут сделаны:
checklist-roster = Загрузить реестр педагогов
checklist-coordinators = Пригласить координаторов ОО
checklist-catalogue = Загрузить каталог активностей
checklist-event = Создать первое мероприятие
checklist-indicators = Выбрать набор показателей
orgs-invite-methodist = ✉️ Пригласить методиста
orgs-no-schools = В муниципалитете «{ $municipality }» пока нет организаций: они появятся с загрузкой реестра. Реестр загружает методист муниципалитета — или вы, выбрав «🏙 Работать в муниципалитете».
invite-no-municipalities = В боте пока нет муниципалитетов. Сначала добавьте муниципалитет в «🏛 Муниципалитеты».
invite-no-schools = В муниципалитете пока нет организаций: они появятся, когда будет загружен реестр педагогов. Сначала загрузите реестр.
invite-who =
    «{ $role }», { $school }. Кого вы приглашаете? Напишите фамилию — я найду человека в реестре, и ссылка свяжет его аккаунт с реестром.
    Если человека нет в реестре, нажмите «Пропустить ›».
invite-person-other-school = Этот человек работает в другой организации. Выберите сотрудника той организации, для которой приглашение.
