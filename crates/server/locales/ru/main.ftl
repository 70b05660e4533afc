# Plenary: русские сообщения. У каждого ключа здесь есть английский двойник в ../en-US/main.ftl.

site-name = Plenary
skip-to-content = Перейти к содержимому
nav-label = Основная навигация
nav-home = Главная
nav-admin = Администрирование
footer-label = О сервисе
footer-api = API
language = Язык
sign-in = Войти
sign-out = Выйти
sign-out-everywhere = Выйти на всех устройствах
sign-out-everywhere-lead = Завершает все входы, включая этот, и отзывает все API-токены.
create-account = Создать аккаунт
save = Сохранить
search = Поиск
actions = Действия
yes = Да
no = Нет
never = Никогда

banner-unconfirmed = Подтвердите адрес электронной почты: мы отправили ссылку на { $email }.
send-again = Отправить ещё раз

landing-title = Дизайн сессий, которые запоминаются
landing-lead = Plenary помогает фасилитаторам планировать воркшопы, тренинги и стратегические сессии: программа с таймингом и доска с карточками для одного и того же сценария, библиотеки проверенных методов и совместное редактирование с коллегами в реальном времени.
home-title = Главная
home-welcome = Добро пожаловать, { $name }
home-empty = Здесь появятся ваши сессии.

register-title = Создайте аккаунт
register-have-account = Уже есть аккаунт?
signin-title = Вход
signin-forgot = Забыли пароль?
signin-no-account = Впервые в Plenary?

field-first-name = Имя
field-last-name = Фамилия
field-email = Электронная почта
field-phone-optional = Телефон (необязательно)
field-password = Пароль
field-new-password = Новый пароль
field-current-password = Текущий пароль
field-new-email = Новый адрес электронной почты
field-accept-terms = Я принимаю Пользовательское соглашение и Политику конфиденциальности
field-language = Язык
field-time-zone = Часовой пояс
field-token-name = Название токена
password-hint = От 10 до 128 символов. Избегайте распространённых паролей; хорошо подходят несколько не связанных между собой слов.
form-has-errors = Исправьте поля, отмеченные ниже.

field-error-required = Это обязательное поле.
field-error-too-short = { $limit ->
    [one] Минимальная длина — { $limit } символ.
    [few] Минимальная длина — { $limit } символа.
    [many] Минимальная длина — { $limit } символов.
   *[other] Минимальная длина — { $limit } символа.
}
field-error-too-long = { $limit ->
    [one] Максимальная длина — { $limit } символ.
    [few] Максимальная длина — { $limit } символа.
    [many] Максимальная длина — { $limit } символов.
   *[other] Максимальная длина — { $limit } символа.
}
field-error-invalid-email = Введите адрес электронной почты в формате name@example.org.
field-error-invalid-phone = Введите номер телефона: допустимы цифры, пробелы и символы + - ( ).
field-error-common-password = Это распространённый пароль или в нём повторяются несколько символов, его легко угадать. Выберите другой.
field-error-context-password = Этот пароль составлен из названия сервиса, вашего адреса или имени, а их легко угадать. Выберите другой.
field-error-unknown-scope = Выберите права токена из списка.
field-error-unknown-locale = Выберите английский или русский язык.
field-error-unknown-time-zone = Выберите часовой пояс из списка.
field-error-control-characters = Удалите специальные символы.

error-validation-failed = Некоторые поля нужно исправить.
error-email-taken = Аккаунт с этим адресом электронной почты уже существует. Войдите или сбросьте пароль.
error-invalid-credentials = Неверный адрес электронной почты или пароль.
error-wrong-password = Текущий пароль указан неверно.
error-unauthenticated = Войдите в аккаунт.
error-not-found = Мы не нашли эту страницу. Возможно, она перемещена или у вас нет к ней доступа.
error-cross-site-request = Запрос пришёл с другого сайта и был отклонён.
error-insufficient-scope = Этому API-токену это не разрешено. Для чтения подходит любой токен, для изменений нужен токен с правом «запись», а новые токены создаются только в браузере после входа.
error-link-invalid = Эта ссылка больше не действует: она уже использована или срок её действия истёк. Запросите новую.
error-unsupported-image = Загрузите изображение в формате PNG, JPEG или WebP.
error-payload-too-large = Файл слишком большой: максимальный размер — 5 МБ.
error-bad-request = Не удалось прочитать запрос.
error-internal = Что-то пошло не так на нашей стороне. Попробуйте ещё раз чуть позже.
error-too-many-attempts = Слишком много попыток. Попробуйте позже.
error-rate-limited = { $seconds ->
    [one] Слишком много запросов. Подождите { $seconds } секунду и попробуйте снова.
    [few] Слишком много запросов. Подождите { $seconds } секунды и попробуйте снова.
    [many] Слишком много запросов. Подождите { $seconds } секунд и попробуйте снова.
   *[other] Слишком много запросов. Подождите { $seconds } секунды и попробуйте снова.
}
error-go-home = Перейти на главную
error-title-400 = Некорректный запрос
error-title-401 = Требуется вход
error-title-403 = Отказано
error-title-404 = Страница не найдена
error-title-409 = Конфликт
error-title-410 = Ссылка больше не действует
error-title-413 = Слишком большой размер
error-title-422 = Проверьте введённые данные
error-title-429 = Слишком много попыток
error-title-500 = Что-то пошло не так
error-title-other = Что-то пошло не так
throttled = { $minutes ->
    [one] Слишком много попыток. Попробуйте снова через { $minutes } минуту.
    [few] Слишком много попыток. Попробуйте снова через { $minutes } минуты.
    [many] Слишком много попыток. Попробуйте снова через { $minutes } минут.
   *[other] Слишком много попыток. Попробуйте снова через { $minutes } минуты.
}

notice-confirmation-sent = Мы отправили новую ссылку для подтверждения. Проверьте почту.
notice-email-confirmed = Адрес электронной почты подтверждён.
notice-password-changed = Пароль изменён. На остальных устройствах выполнен выход.
notice-password-reset = Пароль изменён. Войдите с новым паролем.
notice-profile-saved = Профиль сохранён.
notice-avatar-saved = Фото сохранено.
notice-avatar-removed = Фото удалено.
notice-email-change-sent = Мы отправили ссылку для подтверждения на новый адрес. Адрес изменится, когда вы перейдёте по ней.
notice-email-changed = Адрес электронной почты изменён.
notice-login-revoked = Выход на этом устройстве выполнен.
notice-token-revoked = Токен отозван.
notice-signed-out-everywhere = Выполнен выход на всех устройствах.

confirm-title = Подтвердите адрес электронной почты
confirm-lead = Нажмите кнопку, чтобы подтвердить, что это ваш адрес.
confirm-button = Подтвердить адрес
change-title = Подтвердите новый адрес электронной почты
change-lead = Нажмите кнопку, чтобы теперь использовать этот адрес для вашего аккаунта.
change-button = Использовать этот адрес

reset-title = Сброс пароля
reset-lead = Введите адрес электронной почты вашего аккаунта, и мы отправим ссылку для установки нового пароля.
reset-send = Отправить ссылку
reset-sent = Если аккаунт с этим адресом существует, мы отправили на него ссылку для сброса пароля.
reset-new-title = Придумайте новый пароль
reset-set = Сохранить новый пароль

account-title = Ваш аккаунт
account-profile = Профиль
avatar-title = Фото
avatar-alt = Ваше фото
avatar-none = Фото пока нет.
avatar-choose = Выбрать фото
avatar-hint = PNG, JPEG или WebP, до 5 МБ. Изображение будет обрезано до квадрата.
avatar-upload = Загрузить фото
avatar-remove = Удалить фото

security-title = Безопасность
password-change-title = Смена пароля
password-change = Сменить пароль
password-keep-tokens = Оставить мои API-токены действующими
password-keep-tokens-hint = Если не отметить, все API-токены перестанут работать вместе со старым паролем. Из других браузеров вы выйдете в любом случае.
email-change-title = Смена адреса электронной почты
email-current = Текущий адрес: { $email }
email-change = Отправить ссылку для подтверждения
logins-title = Где выполнен вход
logins-count = { $count ->
    [one] { $count } активный вход
    [few] { $count } активных входа
    [many] { $count } активных входов
   *[other] { $count } активного входа
}
logins-browser = Браузер
logins-ip = IP-адрес
logins-last-seen = Последняя активность
logins-this = этот браузер
logins-revoke = Завершить вход
tokens-title = API-токены
tokens-lead = Токен позволяет скрипту работать с API от вашего имени: передавайте его в заголовке "Authorization: Bearer TOKEN".
tokens-shown-once = Скопируйте новый токен сейчас: больше он показан не будет.
tokens-created = Создан
tokens-last-used = Последнее использование
tokens-quota-used = Использовано из квоты
tokens-quota = { $used } из { $max }, до { $until }
tokens-quota-none = 0 из { $max }
tokens-quota-lead = Лимит запросов каждого токена — { $max } за { $minutes } мин., считая от первого. Сверх лимита API отвечает 429 с Retry-After, пока счёт не начнётся заново; заголовок X-RateLimit-Remaining в каждом успешном ответе говорит, сколько осталось.
tokens-revoke = Отозвать
tokens-create = Создать токен
tokens-scopes = Права
tokens-may = Этот токен может
tokens-scope-read = Только читать
tokens-scope-write = Читать и изменять
tokens-scope-admin = Ещё и администрировать сервис (для администраторов)
tokens-password-hint = Подтвердите паролем: токены создаются только после недавней проверки.
scope-read = чтение
scope-write = изменение
scope-admin = администрирование

admin-users-title = Люди
admin-mail-title = Письма
admin-search = Поиск по адресу электронной почты или имени
admin-users-found = { $count ->
    [one] { $count } аккаунт
    [few] { $count } аккаунта
    [many] { $count } аккаунтов
   *[other] { $count } аккаунта
}
admin-role-admin = Администратор
admin-created = Создан
admin-mail-to = Кому
admin-mail-subject = Тема
admin-mail-status = Статус
admin-mail-smtp = Письма отправляются через SMTP. Здесь показаны последние письма.
admin-mail-no-smtp = SMTP-сервер не настроен: письма сохраняются здесь, а не отправляются. Чтобы отправлять их, задайте PLENARY_SMTP_URL.

api-docs-title = API Plenary


mail-greeting = Здравствуйте, { $name }!
mail-greeting-anonymous = Здравствуйте!
mail-signature = Команда Plenary
mail-link-fallback = Если кнопка не работает, скопируйте эту ссылку в адресную строку браузера:
mail-confirm-subject = Подтвердите адрес электронной почты
mail-confirm-body = Спасибо, что создали аккаунт в Plenary. Подтвердите, пожалуйста, что этот адрес электронной почты принадлежит вам.
mail-confirm-expiry = Ссылка действует 48 часов. Если вы не запрашивали это письмо, просто проигнорируйте его.
mail-confirm-action = Подтвердить адрес электронной почты
mail-reset-subject = Сброс пароля
mail-reset-body = Кто-то запросил сброс пароля для вашего аккаунта в Plenary. Перейдите по ссылке, чтобы задать новый пароль.
mail-reset-expiry = Ссылка действует 1 час и срабатывает только один раз. Если вы не запрашивали сброс, проигнорируйте это письмо: ваш пароль останется прежним.
mail-reset-action = Задать новый пароль
mail-change-subject = Подтвердите новый адрес электронной почты
mail-change-body = Вы запросили использование этого адреса для вашего аккаунта в Plenary. Подтвердите его, пожалуйста.
mail-change-action = Подтвердить новый адрес
mail-changed-subject = Адрес электронной почты изменён
mail-changed-body = Адрес электронной почты вашего аккаунта в Plenary теперь: { $email }.
mail-changed-warning = Если вы не меняли адрес, немедленно сбросьте пароль и свяжитесь с администратором.

duration-minutes = { $minutes } мин
duration-hours = { $hours } ч
duration-hours-minutes = { $hours } ч { $minutes } мин

sessions-title = Сессии
new-session = Новая сессия
create-session = Создать сессию
field-first-date = Первый день
field-start-time = Время начала
status-draft = Черновик
status-ready = Готова
status-done = Проведена
programme = Программа
programme-empty = Блоков пока нет: добавьте первый ниже.
programme-total = Всего { $duration }
print = Печать
materials = Материалы
col-time = Время
col-duration = Длительность
col-title = Название
col-lead = Ведущий
kind-activity = Активность
kind-break = Перерыв
kind-note = Заметка
kind-section = Раздел
kind-day = День
untitled = Без названия
edit = Изменить
delete = Удалить
delete-label = Удалить «{ $title }»
moved-up = «{ $title }» перемещён выше, на позицию { $position }.
moved-down = «{ $title }» перемещён ниже, на позицию { $position }.
add-block = Добавить блок
edit-block = Изменить блок
field-kind = Тип
field-minutes = Длительность в минутах
field-position = Место
position-end = В конце
position-after = После «{ $title }»
field-pinned-start = Закреплённое время начала
pinned-hint = Необязательно: блок начнётся в это время, что бы ни было перед ним.
field-description = Описание
field-notes = Заметки ведущего
conflict-gap = { $duration } свободно перед блоком
conflict-overlap = наложение { $duration }
overrun = на { $duration } позже времени окончания

views = Представления
design = Дизайн
session-settings = Настройки сессии
field-goals = Цели
goals-hint = По одной цели в строке.
field-end-time = Время окончания каждого дня (необязательно)
field-location-kind = Формат
location-in-person = Очно
location-online = Онлайн
field-location = Место или ссылка
field-participants = Ожидаемое число участников
field-tags = Теги
tags-hint = Разделяйте теги запятыми.
field-status = Статус
op-error-title-required = Дайте сессии название.
op-error-invalid-date = Укажите дату.
op-error-invalid-time = Укажите время.
op-error-invalid-number = Укажите целое число.
op-error-too-long = Текст слишком длинный.
op-error-duration-out-of-range = Длительность — от 0 до 1440 минут.
op-error-list-too-long = Список слишком длинный.
op-error-too-many-blocks = В сессии может быть не больше 2000 блоков.
op-error-block-not-found = Этого блока больше нет.
op-error-block-exists = Такой блок уже есть.
op-error-anchor-not-found = Блока, после которого нужно поставить этот, больше нет.
op-error-unknown-time-zone = Выберите часовой пояс из списка.
op-error-field-not-applicable = Это поле не подходит для такого типа блока.
op-error-control-characters = Уберите специальные символы.
materials-hint = По одному в строке, можно с количеством: «Маркеры × 12».
markdown-hint = Markdown: **жирный**, *курсив*, списки и ссылки.
material-name = Материал
material-quantity = Количество
material-blocks = Где используется
field-day-date = Дата этого дня
day-date-hint = Пусто — следующий день после предыдущего.
field-day-start = Время начала этого дня
field-day-end = Время окончания этого дня (необязательно)
search-title = Поиск по названию
field-tag = Тег
field-sort = Сортировка
field-view = Вид
filter-all = Все
sort-updated = По изменению
sort-title = По названию
sort-date = По дате
view-cards = Карточки
view-list = Список
apply-filters = Показать
sessions-found = { $count ->
    [one] { $count } сессия
    [few] { $count } сессии
   *[many] { $count } сессий
}

## Dashboard: folders, archive, trash
dashboard-nav = Списки сессий
sessions-current = Текущие
archived-title = Архив сессий
field-folder = Папка
folder-hint = Сессии одной папки показываются вместе; оставьте пустым, если папка не нужна.
filter-from = С даты
filter-to = По дату
duplicate = Дублировать
duplicate-label = Дублировать «{ $title }»
copy-suffix = (копия)
archive = В архив
archive-label = Отправить «{ $title }» в архив
unarchive = Вернуть из архива
unarchive-label = Вернуть «{ $title }» из архива
move-to-trash = Удалить
trash-label = Удалить «{ $title }»
trash-title = Корзина
trash-lead = Удалённые сессии хранятся здесь 30 дней; восстановите сессию, чтобы вернуть её как была.
trash-empty = Корзина пуста.
trash-purge-on = Будет удалена навсегда
restore = Восстановить
restore-label = Восстановить «{ $title }»
session-manage = Дублировать, архивировать или удалить
notice-session-duplicated = Это копия; оригинал не изменился.
notice-session-archived = Сессия в архиве. Она в разделе «Архив сессий».
notice-session-unarchived = Сессия снова среди текущих.
notice-session-trashed = Сессия в корзине. Её можно восстановить в течение 30 дней.
notice-session-restored = Сессия восстановлена из корзины.

## Categories
categories-title = Категории
categories-lead = Категория задаёт цвет блока: из стандартной палитры или из ваших собственных.
categories-own = Ваши категории
categories-none = Своих категорий пока нет.
categories-default = Стандартная палитра
category-name = Название
category-colour = Цвет
category-add = Добавить категорию
category-none = Без категории
category-name-required = Дайте категории название.
category-colour-invalid = Выберите цвет.
category-name-taken = Категория с таким названием уже есть.
notice-category-added = Категория добавлена.
notice-category-removed = Категория удалена. Блоки сохранят её название, но без цвета.
category-check-in = Чек-ин
category-icebreaker = Разминка-знакомство
category-energizer = Энерджайзер
category-ideation = Генерация идей
category-prioritisation = Приоритизация
category-decision-making = Принятие решений
category-planning = Планирование
category-reflection = Рефлексия
category-retrospective = Ретроспектива
category-team-building = Командообразование
category-feedback = Обратная связь
category-closing = Завершение

## Block fields
field-category = Категория
field-group-format = Формат работы
group-format-none = Не задан
group-format-plenary = Общий круг
group-format-small_groups = Малые группы
group-format-pairs = Пары
group-format-individual = Индивидуально
lead-hint = Введите имя или выберите участника рабочего пространства.
card-image = Изображение карточки
cover-image = Обложка
image-choose = Файл изображения
image-hint = PNG, JPEG или WebP, не больше 5 МБ. Файл перекодируется без метаданных.
image-upload = Загрузить
image-remove = Убрать изображение
materials-summary = Сводка материалов

## Custom fields
custom-fields = Свои поля
custom-fields-lead = Дополнительные поля каждого блока этой сессии: столбцы Программы и строки на карточках.
custom-field-name = Название поля
custom-field-kind = Тип
custom-field-options = Варианты
custom-field-options-hint = Для поля с выбором: варианты через запятую.
custom-field-column = Показывать столбцом в Программе
custom-field-add = Добавить поле
custom-column-shown = столбец в Программе
custom-kind-text = текст
custom-kind-number = число
custom-kind-choice = выбор
op-error-invalid-value = Значение не подходит для этого поля.
op-error-unknown-field = В этой сессии нет такого поля.
op-error-image-not-found = В этой сессии нет такого изображения.

## Editor island
undo = Отменить
redo = Повторить
editor-help = Стрелки переводят между блоками и ячейками; Enter открывает ячейку для правки; Alt со стрелкой вверх или вниз перемещает блок; блок можно и перетащить за ручку. Все сочетания клавиш — по нажатию ?.
drag-label = Переместить «{ $title }»
editor-moved = «%title%» теперь на месте %position%.
editor-saved = Сохранено.
editor-undone = Отменено.
editor-redone = Повторено.
editor-nothing = Нечего отменять.
editor-failed = Изменение отклонено: %reason%
editor-offline = Сервер недоступен; ничего не изменилось. Попробуйте ещё раз.
editor-new-activity = Новое упражнение
editor-deleted = «%title%» удалён.
editor-inserted = Новый блок добавлен.
editor-expand = Показать блоки раздела «%title%»
editor-collapse = Скрыть блоки раздела «%title%»
editor-edit-hint = Enter сохраняет, Escape отменяет.

## Библиотеки методов и дизайнов
nav-library = Библиотека
nav-notifications = Уведомления
nav-unread = непрочитано
library-title = Библиотека
library-nav = Разделы библиотеки
library-methods = Методы
library-designs = Дизайны
library-search = Поиск
library-nothing = Ничего не найдено. Попробуйте другие слова или уберите часть фильтров.
pages = Страницы
page-prev = Назад
page-next = Дальше
filter-minutes-from = Минут от
filter-minutes-to = Минут до
filter-group = Размер группы
filter-scope = Где искать
filter-scope-all = Везде
filter-scope-public = Общая библиотека
filter-scope-mine = Моя библиотека
filter-scope-favourites = Избранные методы
filter-online = Подходит для онлайна
sort-relevance = По совпадению
sort-newest = Сначала новые
sort-favourites = Самые избранные
language-en = Английский
language-ru = Русский
language-any = Любой язык
scope-public = Общая библиотека
scope-workspace = Библиотека пространства
scope-personal = Моя библиотека
method-minutes = { $min }–{ $max } мин
method-people = { $min }–{ $max } чел.
method-favourite = В избранных методах
method-favourites = { $count ->
    [one] в избранном у { $count }
    [few] в избранном у { $count }
   *[many] в избранном у { $count }
}
method-insert = Вставить
method-insert-label = Вставить «{ $title }»
method-new = Новый метод
method-edit = Изменить метод
method-summary = Кратко
method-duration = Длительность
method-group = Размер группы
method-format = Формат
method-in-person = Очно
method-online = Онлайн
method-in-person-and-online = Очно и онлайн
method-complexity = Сложность
complexity-easy = Простой
complexity-medium = Средний
complexity-advanced = Продвинутый
method-licence = Лицензия
method-goals = Цели
method-steps = Шаги
method-tips = Советы ведущему
method-variations = Варианты
method-source = Источник
method-use = Использовать метод
method-favourite-add = В избранные методы
method-unfavourite = Убрать из избранных
method-copy = Скопировать в мою библиотеку
method-add-to-session = Добавить в конец сессии
method-duration-min = Минимум (минут)
method-duration-max = Максимум (минут)
method-group-min = Минимум участников
method-group-max = Максимум участников
method-range-hint = Первое число не должно быть больше второго.
method-categories = Категории
method-tags = Метки
method-tags-hint = Ваши метки через запятую.
method-lines-hint = По одному на строку.
method-image = Иллюстрация
method-image-none = Нет
method-attribution = Автор или источник (текст)
method-source-url = Ссылка на источник
publication-pending = ждёт проверки
publication-published = опубликован
publication-rejected = не опубликован
publication-rejected-because = Не опубликовано: { $note }
publication-request = Предложить к публикации
publication-withdraw = Отозвать заявку
publication-unpublish = Снять с публикации
publication-hint = Ваши методы и дизайны видны только вам, пока администратор не одобрит их для общей библиотеки. Копии, которые сделали другие, остаются у них.
design-blocks = { $count ->
    [one] { $count } блок
    [few] { $count } блока
   *[many] { $count } блоков
}
design-start = Начать сессию по этому дизайну
design-start-button = Начать сессию
session-library-title = Из библиотеки
session-save-as-design = Сохранить как дизайн
block-from-method = Из библиотеки
block-to-library = Сохранить в свою библиотеку
block-to-library-hint = Сохраните этот блок как метод, чтобы использовать его в других сессиях.
block-save-as-method = Сохранить как метод
moderation-title = Модерация
moderation-empty = Проверки ничего не ждёт.
moderation-kind-method = Метод
moderation-kind-template = Дизайн
moderation-approve = Одобрить
moderation-approve-label = Одобрить «{ $title }»
moderation-reason = Причина (нужна для отказа)
moderation-reject = Отклонить
moderation-reject-label = Отклонить «{ $title }»
moderation-reason-required = Укажите причину отказа: автор её прочитает.
notifications-title = Уведомления
notifications-empty = Уведомлений пока нет.
notifications-mark-read = Отметить все как прочитанные
notifications-new = Новое
notification-note = Комментарий модератора: { $note }
notification-publication-approved = «{ $title }» теперь в общей библиотеке.
notification-publication-rejected = «{ $title }» не опубликован.
notice-method-saved = Метод сохранён.
notice-method-saved-from-block = Блок сохранён как метод в вашей библиотеке. Проверьте его описание.
notice-method-deleted = Метод удалён.
notice-method-copied = Метод скопирован в вашу библиотеку.
notice-method-inserted = Метод добавлен в сессию.
notice-publication-requested = Отправлено на проверку. Мы сообщим, когда администратор примет решение.
notice-publication-withdrawn = Снова видно только вам.
notice-publication-approved = Одобрено и опубликовано.
notice-publication-rejected = Отклонено; автор узнает причину.
notice-design-saved = Сессия сохранена как дизайн в вашей библиотеке.
notice-design-deleted = Дизайн удалён.
notice-notifications-read = Все уведомления прочитаны.
mail-publication-approved-subject = «{ $title }» опубликован
mail-publication-approved-body = Администратор одобрил «{ $title }». Теперь он в общей библиотеке, и его могут найти все.
mail-publication-rejected-subject = «{ $title }» не опубликован
mail-publication-rejected-body = Администратор проверил «{ $title }» и не стал его публиковать. Он остаётся в вашей библиотеке.
mail-publication-note = Комментарий администратора: { $note }
mail-publication-open = Открыть

## Sharing
share = Доступ
share-title = Доступ к сессии
share-lead = Участники видят сессию: редакторы меняют её, комментаторы комментируют, читатели читают. Кого пустить, решает владелец.
share-invite = Пригласить
share-role = Роль
share-invite-button = Пригласить
share-roles-hint = Человеку придёт письмо с приглашением (тот, у кого есть учётная запись, найдёт его и в «Уведомлениях»); роль появится, когда он примет приглашение.
share-people = Участники
share-you = вы
share-role-of = Роль: { $name }
share-change = Изменить
share-remove = Убрать
share-remove-label = Убрать: { $name }
share-make-owner = Сделать владельцем
share-make-owner-label = Сделать владельцем: { $name }
share-invitations = Приглашения без ответа
share-revoke = Отозвать
share-revoke-label = Отозвать приглашение для { $email }
share-leave = Покинуть сессию
role-owner = Владелец
role-editor = Редактор
role-commenter = Комментатор
role-viewer = Читатель
notice-share-invited = Приглашение отправлено. Оно ждёт ответа 14 дней.
notice-share-role-changed = Роль изменена.
notice-share-removed = Участник убран и больше не видит сессию.
notice-share-owner-changed = У сессии новый владелец; вы остаётесь редактором.
notice-share-left = Вы покинули сессию.
notice-invitation-revoked = Приглашение отозвано, ссылка больше не работает.
field-error-unknown-role = Выберите роль из списка.
field-error-cannot-invite = Этого человека нельзя пригласить: это вы или владелец.
field-error-invalid-colour = Выберите цвет в виде #rrggbb.
invitation-title = Вас пригласили
invitation-lead = Вас пригласили в сессию «{ $title }», роль: { $role }.
invitation-join = Принять приглашение
invitation-register = Зарегистрироваться и войти
invitation-signin = У меня есть учётная запись: войти
invitation-waiting-session = { $name } приглашает вас в сессию «{ $title }» с ролью «{ $role }».
invitation-waiting-team = { $name } приглашает вас в команду «{ $title }» с ролью «{ $role }».
invitation-until = Приглашение действует до { $date }.
invitations-waiting = Приглашения
invitation-accept = Принять
invitation-decline = Отклонить
notice-invitation-accepted = Приглашение принято, добро пожаловать.
notice-invitation-declined = Приглашение отклонено.
notification-session-invited = { $name } приглашает вас в сессию «{ $title }»: примите или отклоните приглашение здесь.
notification-team-invited = { $name } приглашает вас в команду «{ $title }»: примите или отклоните приглашение здесь.
mail-invitation-subject = Приглашение к совместной работе в Plenary
mail-invited-session = { $name } ({ $email }) приглашает вас работать вместе над сессией с ролью «{ $role }». Название от приглашающего: «{ $title }».
mail-invited-team = { $name } ({ $email }) приглашает вас в свою команду в Plenary с ролью «{ $role }». Название от приглашающего: «{ $title }».
mail-invitation-answer = Откройте приглашение, чтобы принять или отклонить его; после входа оно также будет в разделе «Уведомления». Приглашение действует 14 дней.
register-leave-empty = Оставьте это поле пустым
register-from-invitation = После регистрации вы сразу попадёте в сессию, куда вас пригласили.
shared-with-me = Доступные мне
notification-session-shared = { $name } открыл(а) вам доступ к «{ $title }».
mail-invitation-register = Откройте ссылку ниже, чтобы создать бесплатную учётную запись (или войти, если она у вас уже есть с этим адресом), — и сразу попадёте туда, куда вас пригласили. Ссылка действует 14 дней.
mail-invitation-open = Принять приглашение
read-only-note = Вы можете читать эту сессию; менять её могут только редакторы.

## Live co-editing
live-connecting = Подключение…
live-connected = Совместная работа: изменения других видны сразу.
live-offline = Нет связи: ваши изменения сохранены и уйдут, когда связь вернётся.
live-here = Сейчас здесь
live-editing = %name% редактирует этот блок
live-reload = Страница сильно отстала от сессии; загружаем её заново.
live-removed = У вас больше нет доступа к этой сессии.

## Public links
links-title = Публичная ссылка
links-lead = По ссылке открывается вид для участников: ход сессии и время, без заметок ведущего, ответственных и материалов. Поисковым системам запрещено её индексировать.
link-new = Новая ссылка (показывается только сейчас — скопируйте её)
link-new-hint = Хранится только отпечаток ссылки, поэтому показать её снова нельзя. Если потеряете, создайте новую.
link-made = Создана { $when }
link-expires = действует до { $when }
link-no-expiry = без срока
link-expires-label = Срок действия
link-days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
link-create = Создать ссылку
link-revoke = Отозвать
link-revoke-label = Отозвать ссылку: { $when }
notice-link-created = Публичная ссылка создана.
notice-link-revoked = Ссылка отозвана и больше не открывает сессию.
participant-note = Вид для участников, которым поделился организатор.

## Comments
comments-title = Комментарии
comments-new = Новый комментарий
comments-about = К чему относится
comments-about-session = К сессии в целом
comments-deleted-block = К удалённому блоку
comments-body = Комментарий
comments-mention-hint = Упомяните участника через @ и полное имя или адрес почты (@Анна Ли) — ему придёт уведомление.
comments-post = Отправить
comments-read-only = Вы можете читать комментарии; писать их могут комментаторы, редакторы и владелец.
comments-open = Открытые
comments-resolved = Решённые
comments-none = Открытых комментариев нет.
comments-former-member = Бывший участник
comments-edited = изменён
comments-edit = Изменить
comments-edit-label = Ваш комментарий
comments-reply = Ответ
comments-reply-button = Ответить
comments-resolve = Решено
comments-reopen = Открыть снова
comments-open-count = { $count ->
    [one] { $count } открытый комментарий
    [few] { $count } открытых комментария
   *[many] { $count } открытых комментариев
}
notice-comment-added = Комментарий опубликован.
notice-comment-edited = Комментарий изменён.
notice-comment-deleted = Комментарий удалён.
notice-comment-resolved = Отмечено как решённое.
notice-comment-reopened = Обсуждение открыто снова.
notification-comment-mention = { $name } упомянул(а) вас в комментарии к «{ $title }».
mail-mention-subject = { $name } упомянул(а) вас в «{ $title }»
mail-mention-body = { $name } упомянул(а) вас в комментарии к сессии «{ $title }»:
mail-mention-open = Прочитать комментарий

## Activity log
activity-title = История
activity-what = Что произошло
activity-who = Кто
activity-all = Всё
activity-everyone = Все
activity-group-edits = Изменения
activity-group-sharing = Доступ
activity-group-comments = Комментарии
activity-none = Пока ничего.
activity-older = Более ранние записи
activity-block-added = { $name }: добавлен блок «{ $block }»
activity-block-changed = { $name }: изменено поле «{ $field }» в блоке «{ $block }»
activity-block-moved = { $name }: перемещён блок «{ $block }»
activity-block-deleted = { $name }: удалён блок «{ $block }»
activity-block-restored = { $name }: возвращён блок «{ $block }»
activity-session-changed = { $name }: изменено поле сессии «{ $field }»
activity-shared = { $name }: открыт доступ для { $detail }
activity-joined = { $name }: приглашение в сессию принято
activity-role-changed = { $name }: изменена роль участника { $detail }
activity-unshared = { $name }: убран участник { $detail }
activity-owner-changed = { $name }: владельцем стал(а) { $detail }
activity-former-member = (аккаунт удалён)
activity-left = { $name } покинул(а) сессию
activity-link-created = { $name }: создана публичная ссылка
activity-link-revoked = { $name }: публичная ссылка отозвана
activity-commented = { $name }: комментарий к «{ $block }»
activity-commented-session = { $name }: комментарий к сессии
activity-field-title = название
activity-field-minutes = длительность
activity-field-description = описание
activity-field-notes = заметки ведущего
activity-field-lead = ответственный
activity-field-materials = материалы
activity-field-category = категория
activity-field-pinned-start = закреплённое начало

## Email notifications
email-notifications-title = Уведомления по почте
email-notifications-legend = Когда что-то касается вас (вам открыли сессию, вас упомянули, публикацию рассмотрели), присылать письмо
email-notifications-instant = сразу
email-notifications-daily = раз в день, одной сводкой
email-notifications-off = никогда (я читаю их в приложении)
notice-email-notifications-saved = Выбор сохранён.
mail-digest-subject = { $count ->
    [one] { $count } уведомление от Plenary
    [few] { $count } уведомления от Plenary
   *[many] { $count } уведомлений от Plenary
}
mail-digest-body = { $count ->
    [one] Вот что произошло после прошлой сводки:
   *[other] Вот что произошло после прошлой сводки ({ $count }):
}
mail-digest-open = Открыть уведомления

## Versions
versions-title = Версии
versions-lead = Версия сохраняется сама после паузы в правке и раз в день, а также когда вы сохраняете её с названием. Перед восстановлением сессия сохраняется как есть, поэтому восстановление можно отменить.
versions-none = Версий пока нет. Первая сохранится через несколько минут после первого изменения.
version-save = Сохранить версию
version-name = Название версии
version-save-button = Сохранить версию
version-restore = Восстановить
version-restore-label = Восстановить «{ $name }»
version-restore-this = Восстановить эту версию
version-viewing = Версия «{ $name }»
version-read-only = только просмотр
version-kind-auto = Сохранена после паузы
version-kind-daily = Сохранена за день
version-kind-named = Версия с названием
version-kind-restore = Перед восстановлением
version-before-restoring = Перед восстановлением «{ $name }»
version-blocks = { $count ->
    [one] { $count } блок
    [few] { $count } блока
   *[many] { $count } блоков
}
notice-version-saved = Версия сохранена.
notice-version-restored = Версия восстановлена. Сессия в прежнем виде сохранена в «Версиях».
notice-version-restored-partly = Версия восстановлена, кроме изменений, которые сессия больше не допускает (например, удалённой картинки).
activity-version-saved = { $name }: сохранена версия «{ $detail }»
activity-version-restored = { $name }: восстановлена версия «{ $detail }»
activity-version-restored-auto = { $name }: восстановлена более ранняя версия

## Workspaces
workspaces-title = Пространства
workspaces-lead = Личное пространство принадлежит только вам. В команде каждый участник видит и правит её сессии и библиотеку, а администраторы ещё и решают, кто в ней состоит.
workspaces-manage = Управлять пространствами
workspace-label = Пространство
workspace-current = Текущее
workspace-kind-team = команда
workspace-kind-personal = Личное пространство
workspace-role-admin = администратор
workspace-role-member = участник
workspace-members-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
   *[many] { $count } участников
}
workspace-switch = Перейти
workspace-switch-label = Перейти в «{ $name }»
workspace-create = Создать команду
workspace-create-lead = У командного пространства свои сессии, библиотека и категории. Вы станете его администратором и сможете пригласить коллег.
workspace-name = Название команды
workspace-create-button = Создать команду
workspace-personal-lead = Это ваше личное пространство. Чтобы работать с коллегами, создайте команду или откройте доступ к сессии.
workspace-team-lead = Каждый участник видит и правит сессии и библиотеку этой команды. Администраторы приглашают, меняют и удаляют участников.
workspace-invite = Пригласить участника
workspace-roles-hint = Участник правит сессии и библиотеку команды. Администратор ещё управляет участниками и названием команды.
workspace-members = Участники
workspace-rename = Переименовать команду
workspace-rename-button = Переименовать
workspace-leave = Выйти из команды
notice-workspace-created = Команда создана. Вы работаете в ней.
notice-workspace-switched = Пространство сменено.
notice-workspace-renamed = Команда переименована.
notice-workspace-left = Вы вышли из команды.
error-last-admin = В команде должен быть хотя бы один администратор. Сначала назначьте администратором кого-то ещё.
error-owner-role = Владелец сохраняет свою роль. Чтобы отойти от сессии, сначала передайте её другому участнику.
error-personal-workspace = Личное пространство принадлежит только одному человеку.
error-category-taken = В пространстве уже есть категория с таким названием.
error-conflict = Сейчас это сделать нельзя. Обновите страницу и попробуйте снова.
error-batch-refused = Изменение { $number } из пакета отклонено, поэтому ни одно не внесено: { $reason }
notification-workspace-joined = { $name } добавил(а) вас в команду «{ $title }».
invitation-team-lead = Вас пригласили в команду «{ $team }», роль: { $role }.

## Files
files-title = Файлы
files-used = Пространство занимает { $used } из { $quota }.
files-upload = Загрузить файлы
files-choose = Файлы
files-hint = Изображения (PNG, JPEG, WebP, GIF), PDF, Word, Excel, PowerPoint, OpenDocument, текст, CSV и Markdown. Можно несколько сразу. Изображения сохраняются без метаданных.
files-for = К чему
files-for-session = Ко всей сессии
files-of-block = к блоку «{ $title }»
files-upload-button = Загрузить
files-none = Файлов пока нет.
files-none-chosen = Выберите хотя бы один файл.
files-problems = Некоторые файлы не загружены:
files-some-uploaded = { $count ->
    [one] Загружен { $count } файл.
    [few] Загружено { $count } файла.
   *[many] Загружено { $count } файлов.
}
file-pending = проверяется
file-infected = заблокирован: найдено вредоносное ПО
file-delete = Удалить
file-delete-label = Удалить «{ $name }»
notice-files-uploaded = Загружено.
notice-file-deleted = Файл удалён.
size-kb = { $count } КБ
size-mb = { $count } МБ
error-file-empty = Файл пустой.
error-file-too-large = Файл больше { $megabytes } МБ.
error-file-type-not-allowed = Такой файл загрузить нельзя (SVG, HTML, программы и архивы не принимаются).
error-file-name-mismatch = Содержимое не соответствует имени: это файл .{ $ending }.
error-file-unpacks-too-large = Этот документ в распакованном виде больше { $megabytes } МБ или состоит из слишком многих частей, поэтому он не принят.
error-file-name-disguised = В имени файла есть символы, меняющие порядок его отображения, так что он может выдавать себя за другой файл. Переименуйте его и загрузите снова.
error-storage-quota-exceeded = Хранилище пространства заполнено. Удалите ненужные файлы.
notification-file-infected = «{ $title }», загруженный в «{ $name }», содержит вредоносное ПО и заблокирован.
method-files-manage = Добавить или удалить файлы
workspace-storage = Хранилище
workspace-storage-largest = Самые большие файлы и где они лежат:
files-drop = Перетащите файлы сюда или вставьте их, чтобы сразу загрузить.
files-uploading = Загружается { $name }
files-done = загружен
files-failed = не загружен

# Вид программы (задача 18)
nav-menu = Меню
tab-settings = Настройки
days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
details-all = Все подробности
shortcuts-title = Сочетания клавиш
close = Закрыть
shortcut-arrows = Переход между блоками и ячейками
shortcut-home-end = Первая или последняя ячейка строки; с Ctrl — первый или последний блок
shortcut-enter = Изменить ячейку или открыть меню блока
shortcut-escape = Отменить правку, закрыть меню
shortcut-space = Показать или скрыть подробности блока
shortcut-move = Переместить блок выше или ниже
shortcut-new = Добавить занятие после блока
shortcut-form = Открыть полную форму блока
shortcut-delete = Удалить блок (отмена вернёт его)
shortcut-help = Этот список
shortcut-tab-design = Переход между карточками и их полями
shortcut-enter-design = Изменить название, длительность или ведущего на месте
shortcut-move-design = На ручке карточки: переместить карточку выше или ниже
col-order = Порядок
block-details = Подробности
files-count = { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}
insert-after = Добавить после
move-up = Выше
move-down = Ниже
actions-label = Действия: «{ $title }»
editor-help-design = Перетащите карточку за ручку или сфокусируйте ручку и нажимайте стрелки вверх и вниз. Ctrl+Z отменяет, Ctrl+Shift+Z повторяет. Нажмите ?, чтобы увидеть все сочетания.
editor-set = %field%: не задано
print-back = К программе
print-options = Что печатать
print-apply = Применить
op-error-field-name-taken = Поле с таким названием уже есть.
editor-method-added = «%title%» добавлен.
method-add-label = Добавить «{ $title }» в программу
library-more = Ещё
panel-all-categories = Все категории
panel-help = Перетащите метод в программу или нажмите его «+», чтобы добавить после выбранного блока (в конец, если ни один не выбран).
library-open = Добавить из библиотеки
design-empty-drop = Пока пусто: перетащите сюда блок или метод.
design-add-card = Добавить занятие
language-auto = Авто (ваш или язык запроса)
start-from-design = Начать с дизайна
home-first-title = Спланируйте первую сессию
home-first-lead = Дайте ей название и дату, а блоки добавите следом. Или начните с готового дизайна и поменяйте что захотите.
home-first-designs = Готовые дизайны воркшопов, ретроспектив, стратегических сессий и не только.
home-none-match = Под эти фильтры не подходит ни одна сессия.
filters-more = Ещё фильтры
edit-sheet-full = Все настройки блока (картинка карточки, сохранить как метод)

## Экспорт и импорт
export-word-programme = Программа
export-word-date = Дата
export-word-start = Начало
export-word-end = Конец
export-word-duration-minutes = Длительность, мин
export-word-total = Всего
export-word-page = Страница
export-no-materials = Для этой сессии материалы не нужны.
export = Экспорт
export-menu = Экспорт сессии
export-pdf = Программа (PDF)
export-pdf-landscape = Программа, альбомная (PDF)
export-pdf-notes = Программа с заметками и материалами (PDF)
export-cards-pdf = Дизайн карточками (PDF)
export-materials-pdf = Список материалов (PDF)
export-docx = Документ Word (DOCX)
export-xlsx = Таблица (XLSX)
export-csv = Таблица (CSV)
export-ics = Календарь, событие на каждый блок (iCalendar)
export-ics-days = Календарь, событие на каждый день (iCalendar)
export-md = Текст (Markdown)
export-json = Всё, для импорта (JSON)
export-ics-short = Календарь (iCalendar)
export-participant = Скачать
import-title = Импорт сессии
import-link = Импорт из файла
import-intro = Создайте сессию из экспорта Plenary в JSON или из файла CSV, где каждая строка — блок.
import-csv-help = Первая строка CSV называет столбцы: название, длительность (в минутах или в часах и минутах, например 1:30), тип (активность, перерыв, заметка, раздел или день), заметки ведущего, описание, ведущий и категория. Любой другой столбец станет дополнительным полем. Прежде чем что-то создать, вы увидите строки.
import-file = Файл (JSON или CSV, до 5 МБ)
import-session-title = Название новой сессии (для CSV)
import-submit = Импортировать
import-preview-title = Проверьте строки перед импортом
import-preview-summary = Можно импортировать строк: { $good } из { $total }.
import-preview-bad = Строки с ошибкой будут пропущены.
import-preview-custom = Эти столбцы станут дополнительными полями: { $names }.
import-preview-custom-left-out = Эти столбцы стали бы дополнительными полями, но тариф пространства их не включает: { $names }. Они не будут импортированы.
import-good-rows = { $count ->
    [one] Импортировать { $count } строку без ошибок
    [few] Импортировать { $count } строки без ошибок
   *[many] Импортировать { $count } строк без ошибок
}
import-again = Выбрать другой файл
import-col-line = Строка
import-col-problem = Ошибка
import-row-ok = Без ошибок
import-problem-no-title = Нет названия.
import-problem-bad-duration = Длительность — не минуты (45) и не часы с минутами (1:30), или она слишком велика.
import-problem-bad-kind = Неизвестный тип: укажите активность, перерыв, заметку, раздел или день.
import-problem-too-long = Слишком длинный текст.
import-problem-bad-value = Значение не подходит дополнительному полю.
error-import-not-json = Это не JSON. Выберите экспорт Plenary в JSON или файл CSV.
error-import-not-an-export = Это JSON, но не экспорт сессии Plenary.
error-import-format-version = Экспорт сделан в версии формата { $version }, которую этот Plenary не читает.
error-import-not-text = Файл — не текст в UTF-8. Сохраните таблицу как CSV (UTF-8) и попробуйте снова.
error-import-not-csv = Файл не читается как CSV.
error-import-no-title-column = В CSV нет столбца «Название». Назовите столбцы в первой строке.
error-import-empty = В файле нет блоков для импорта.
error-import-invalid = В файле есть значение, которое сессия не примет ({ $what }: { $reason })
error-import-bad-rows = В некоторых строках ошибки (строки { $lines }). Проверьте их в предпросмотре или импортируйте только строки без ошибок.
notice-session-imported = Сессия импортирована.
error-export-running = Экспорт ещё готовится. Попробуйте чуть позже.
error-export-failed = Не удалось подготовить экспорт.
export-progress-title = Готовим экспорт
export-progress-done-title = Экспорт готов
export-progress-failed-title = Не удалось подготовить экспорт
export-progress-running = Готовим «{ $name }»…
export-progress-elapsed = { $seconds ->
    [one] Прошла { $seconds } секунда.
    [few] Прошло { $seconds } секунды.
   *[other] Прошло { $seconds } секунд.
}
export-progress-leave = Большая сессия готовится дольше. Эту страницу можно закрыть: когда файл будет готов, мы пришлём ссылку на почту.
export-progress-keep = Большая сессия готовится дольше. Не закрывайте эту страницу: ссылка на файл появится здесь.
export-progress-done = «{ $name }» готов.
export-progress-download = Скачать ({ $size })
export-progress-kept = Файл хранится 7 дней.
export-progress-failed = Не удалось подготовить «{ $name }». Попробуйте ещё раз или выберите другой формат.
export-progress-back = Вернуться к сессии
export-progress-check = Проверить ещё раз
mail-export-ready-subject = Экспорт «{ $name }» готов
mail-export-ready = Экспорт «{ $name }», который вы запросили, готов. Скачайте его в течение 7 дней.
mail-export-download = Скачать файл
mail-export-failed-subject = Не удалось подготовить экспорт «{ $name }»
mail-export-failed = Не удалось подготовить экспорт «{ $name }», который вы запросили. Откройте сессию, чтобы попробовать ещё раз или выбрать другой формат.
mail-export-open-session = Открыть сессию

## Тарифы и цены
size-gb = { $count } ГБ
pricing-title = Тарифы и цены
pricing-intro = В каждом тарифе есть программа и дизайн, библиотека, совместный доступ и редактирование вместе. Тарифы различаются тем, сколько в них помещается, и несколькими возможностями.
pricing-currency = Валюта
pricing-free = Бесплатно
pricing-per-month = { $price } в месяц
pricing-per-year = или { $price } в год
pricing-active-sessions = { $count ->
    [one] { $count } активная сессия
    [few] { $count } активные сессии
   *[other] { $count } активных сессий
}
pricing-active-sessions-unlimited = Активные сессии без ограничений
pricing-collaborators-per-session = { $count ->
    [one] { $count } соавтор на сессию
    [few] { $count } соавтора на сессию
   *[other] { $count } соавторов на сессию
}
pricing-collaborators-per-session-unlimited = Соавторы без ограничений
pricing-team-members = { $count ->
    [one] { $count } участник команды
    [few] { $count } участника команды
   *[other] { $count } участников команды
}
pricing-team-members-unlimited = Участники команды без ограничений
pricing-storage-mb = { $size } для файлов и содержимого
pricing-storage-mb-unlimited = Хранилище без ограничений
pricing-private-methods = { $count ->
    [one] { $count } метод в своей библиотеке
    [few] { $count } метода в своей библиотеке
   *[other] { $count } методов в своей библиотеке
}
pricing-private-methods-unlimited = Своя библиотека без ограничений
pricing-history-days = { $count ->
    [one] { $count } день истории версий
    [few] { $count } дня истории версий
   *[other] { $count } дней истории версий
}
pricing-history-days-unlimited = Вся история версий
pricing-feature-run-mode = Режим проведения
pricing-feature-exports = Экспорт: PDF, Word, таблица, календарь
pricing-feature-public-links = Публичные ссылки для участников
pricing-feature-custom-fields = Свои поля
pricing-included = входит
pricing-not-included = не входит
pricing-multi-day = Многодневная сессия считается одной активной сессией.
pricing-start = Создать бесплатный аккаунт

limit-active-sessions = Активные сессии
limit-collaborators-per-session = Соавторы одной сессии
limit-team-members = Участники команды
limit-storage-mb = Хранилище
limit-private-methods = Методы в вашей библиотеке
limit-history-days = История версий
error-title-402 = Достигнут предел тарифа
error-plan-limit = { $limit }: { $used } из { $max }. Освободите место или перейдите на тариф побольше.
error-plan-limit-upgrade = Посмотреть тариф
error-plan-feature = Тариф пространства этого не включает: { $feature }. Это есть в тарифе побольше.
error-title-plan-feature = Этого нет в тарифе
billing-title = Тариф и оплата
billing-workspace = Пространство «{ $name }»
billing-free = Пространство на бесплатном тарифе.
billing-granted-until = Предоставлен администраторами сервиса до { $date }.
billing-paid-until = Оплачен до { $date }.
billing-compare = Сравнить тарифы
billing-usage = Что использует пространство
billing-used-of = { $used } из { $max }
billing-used-unlimited = { $used }, без ограничений
billing-full = заполнено
billing-history-kept = { $count ->
    [one] хранится { $count } день
    [few] хранятся { $count } дня
   *[other] хранятся { $count } дней
}
billing-history-all = Хранится вся
billing-features = Возможности
billing-history = История
billing-history-empty = Пока ничего.
billing-event-granted = Тариф «{ $plan }» предоставлен до { $date } ({ $by }). Причина: { $reason }
billing-by-service = сервис

error-title-503 = Попробуйте чуть позже
error-payments-unavailable = Платёжный сервис не ответил. Деньги не списаны; попробуйте ещё раз через несколько минут.
test-mode-banner = Тестовый режим: платежи идут в песочницу, деньги не списываются.
notice-payment-received = Оплата получена. Тариф действует; чек отправлен на почту.
notice-plan-switched = Тариф сменён. Расчёт — в чеке и ниже.
notice-renewal-canceled = Автопродление отключено. Тариф действует до конца оплаченного срока.
notice-renewal-resumed = Автопродление снова включено.
pricing-choose-month = Платить помесячно
pricing-choose-year = Платить за год
billing-next-charge = Следующее списание: { $amount } { $date } с сохранённой карты.
billing-ends-on = Автопродление отключено: тариф закончится { $date }, затем пространство перейдёт на бесплатный тариф. Ничего не удалится.
billing-card-label = Карта:
billing-card = { $brand } •••• { $last4 }
billing-cancel = Отключить автопродление
billing-cancel-hint = Тариф действует до конца оплаченного срока; остаток не возвращается.
billing-resume = Включить автопродление
billing-admins-pay = Тариф пространства выбирают и оплачивают его администраторы.
billing-change = Сменить тариф
billing-payments = Платежи
billing-payment-paid = оплачено
billing-payment-refunded = возвращено
billing-payment-retrying = не оплачено, будет повторная попытка
billing-payment-failed = не оплачено: { $reason }
billing-payment-first = «{ $plan }», первый платёж
billing-payment-renewal = «{ $plan }», продление
billing-payment-switch = Переход на «{ $plan }»
billing-event-paid = Тариф «{ $plan }» оплачен до { $date }.
billing-event-renewed = Тариф «{ $plan }» продлён до { $date }.
billing-event-switched = Переход на тариф «{ $plan }», оплачен до { $date }.
billing-event-credited = Повторный платёж зачислен на баланс; тариф «{ $plan }» оплачен до { $date }.
billing-event-canceled = Автопродление тарифа «{ $plan }» отключил(а) { $by }; тариф действует до { $date }.
billing-event-resumed = Автопродление тарифа «{ $plan }» снова включил(а) { $by }.
billing-event-renewal-failed = Продление тарифа «{ $plan }» не оплачено ({ $reason }); платные возможности сохраняются до { $date }, пока идут повторные попытки.
billing-event-lapsed = Продление тарифа «{ $plan }» оплатить не удалось; тариф закончится { $date }.
billing-wait-title = Ждём ответа банка
billing-wait-lead = Платёж ещё не подтверждён. Страница проверяет его каждые несколько секунд; её можно и закрыть: тариф начнёт действовать, как только банк подтвердит оплату.
checkout-heading = Оплата тарифа «{ $plan }»
checkout-calculation = Расчёт
checkout-price-month = Месяц
checkout-price-year = Год
checkout-credit = Неиспользованная часть текущего срока
checkout-balance = С баланса пространства
checkout-balance-after = Останется на балансе для следующих платежей
checkout-to-pay = К оплате сейчас
checkout-switch-year = Платить за год
checkout-switch-month = Платить помесячно
checkout-consent-month = Я согласен(на), что тариф «{ $plan }» продлевается автоматически каждый месяц: { $price } списывается с карты, которую я добавляю сейчас, { $day }-го числа каждого месяца (в последний день, если месяц короче), впервые { $date }, пока я не отключу автопродление на странице тарифа.
checkout-consent-year = Я согласен(на), что тариф «{ $plan }» продлевается автоматически каждый год: { $price } списывается с карты, которую я добавляю сейчас, ежегодно { $date } и в ту же дату следующих лет, пока я не отключу автопродление на странице тарифа.
checkout-cancel-any-time = Автопродление можно отключить в любой момент: тариф будет действовать до конца оплаченного срока. Номер карты вводится на странице платёжного сервиса; Plenary его не видит.
checkout-pay = Оплатить { $amount }
checkout-back = Назад
checkout-declined = Платёж не прошёл: { $reason } Деньги не списаны. Попробуйте ещё раз или другую карту.
checkout-price-changed = Цена изменилась, пока страница была открыта. Проверьте новый расчёт и оплатите снова.
checkout-consent-needed = Чтобы оплатить, согласитесь с условиями автопродления.
payment-description-month = Plenary, тариф «{ $plan }», один месяц
payment-description-year = Plenary, тариф «{ $plan }», один год
receipt-subject = Чек: { $amount } оплачено Plenary
receipt-paid = Мы получили { $amount }: { $what }. Спасибо.
receipt-number = Номер платежа: { $number }
receipt-action = Тариф и платежи
renewal-failed-subject = Не удалось продлить тариф Plenary
renewal-failed-line = Мы попытались списать { $amount } за следующий срок, но платёж не прошёл: { $reason }
renewal-failed-retry = Следующая попытка — { $date }. Платные возможности сохраняются до { $until }; после этого пространство перейдёт на бесплатный тариф, ничего не удалится.
renewal-failed-gave-up = Больше попыток не будет. Тариф закончится, когда истекут его платные возможности; затем пространство перейдёт на бесплатный тариф, ничего не удалится. Оплатить тариф снова можно в любой момент.
renewal-failed-action = Проверить карту и тариф
decline-card-declined = банк отклонил карту.
decline-insufficient-funds = на карте недостаточно средств.
decline-confirmation-refused = платёж не подтверждён.
decline-no-card = нет сохранённой карты.
decline-abandoned = страницу оплаты закрыли, не оплатив.
decline-ended = тариф закончили администраторы сервиса.
decline-amount-mismatch = платёжный сервис сообщил другую сумму.
decline-other = платёжный сервис ответил «{ $reason }».
sandbox-title = Тестовая оплата
sandbox-lead = Это песочница, тестовая платёжная страница Plenary: деньги не списываются, принимаются только тестовые карты ниже.
sandbox-number = Номер карты
sandbox-expiry = Срок действия
sandbox-expiry-hint = ММ/ГГ, например 12/30
sandbox-cvc = CVC/CVV
sandbox-cvc-hint = Три цифры на обороте
sandbox-cards = Тестовые карты
sandbox-cards-lead = Любой срок действия, ещё не истёкший, и любой трёхзначный код.
sandbox-card-succeeds = Оплата проходит; следующие списания тоже.
sandbox-card-confirms = Сначала просит подтвердить платёж, как 3-D Secure.
sandbox-card-declined = Банк отклоняет карту.
sandbox-card-insufficient = Отказ: недостаточно средств.
sandbox-card-declines-later = Оплата проходит сейчас; каждое следующее списание (продление) отклоняется.
sandbox-error-number = В тестовом режиме принимаются только тестовые карты из списка ниже.
sandbox-error-expiry = Укажите срок в виде ММ/ГГ, например 12/30.
sandbox-error-expired = Срок действия карты истёк.
sandbox-error-cvc = Код безопасности — три цифры.
sandbox-confirm-title = Подтверждение платежа
sandbox-confirm-lead = В тестовом режиме это страница подтверждения вашего банка.
sandbox-confirm = Подтвердить
sandbox-refuse = Отказаться
billing-renewal-retrying = Продление отклонено, попытки продолжаются. Платные возможности сохраняются до { $date }. Чтобы сохранить тариф, оплатите его ниже другой картой.
test-mode-label = Тестовый режим
decline-superseded = вместо него оплачен новый срок.

session-held = Только для чтения: тариф пространства оставляет активными меньше сессий, чем в нём есть, и эта сессия — сверх них. Ничего не потеряно: её можно читать, экспортировать и удалить.
session-held-link = Выбрать активные сессии или сменить тариф
session-held-badge = Только чтение
notice-active-chosen = Сохранено. Отмеченные сессии активны, остальные — только для чтения.
billing-active-title = Активные сессии
billing-active-lead = { $count ->
    [one] Тариф оставляет активной { $count } сессию. Отметьте ту, с которой хотите работать дальше; остальные станут доступны только для чтения.
    [few] Тариф оставляет активными до { $count } сессий. Отметьте те, с которыми хотите работать дальше; остальные станут доступны только для чтения.
   *[other] Тариф оставляет активными до { $count } сессий. Отметьте те, с которыми хотите работать дальше; остальные станут доступны только для чтения.
}
billing-active-lead-unlimited = Тариф оставляет активными все сессии. Сессии без отметки станут доступны только для чтения.
billing-active-kept = В сессиях только для чтения ничего не удаляется: те, с кем они открыты, по-прежнему их читают, а их можно экспортировать или удалить. Архивные сессии не считаются. Тариф побольше снова сделает их редактируемыми.
billing-active-none = Сессий вне архива нет.
billing-active-legend = { $count ->
    [one] Оставить активной (не больше { $count })
   *[other] Оставить активными (не больше { $count })
}
billing-active-legend-unlimited = Оставить активными
billing-active-save = Сохранить выбор
billing-active-back = Назад к тарифу
billing-active-changed = изменена { $when }
billing-active-too-many = Отмечено сессий: { $chosen }, а тариф оставляет активными не больше { $max }. Снимите лишние отметки или перейдите на тариф побольше.
billing-held = { $count ->
    [one] { $count } сессия доступна только для чтения: тариф оставляет активными меньше сессий, чем есть в пространстве. Ничего не удалено.
    [few] { $count } сессии доступны только для чтения: тариф оставляет активными меньше сессий, чем есть в пространстве. Ничего не удалено.
   *[other] { $count } сессий доступны только для чтения: тариф оставляет активными меньше сессий, чем есть в пространстве. Ничего не удалено.
}
billing-held-choose = Выбрать активные сессии
billing-held-admins = Какие сессии остаются активными, выбирают администраторы пространства.
held-mail-subject = Часть ваших сессий теперь только для чтения

billing-transfer-title = Оплата по счёту
billing-transfer-lead = Организация может оплатить год тарифа команды банковским переводом: заполните реквизиты, получите номерной счёт в PDF, и тариф начнёт действовать, когда деньги поступят (в течение двух рабочих дней).
billing-transfer-action = Выставить счёт
invoice-form-title = Счёт для организации
invoice-form-lead = Счёт выставляется на организацию за год тарифа, в рублях. Реквизиты проверяются при отправке и сохраняются для следующего счёта.
invoice-plan = Тариф на год
invoice-plan-option = { $plan }: { $price } в год
invoice-plan-required = Выберите тариф с оплатой за год.
invoice-organisation = Организация
invoice-bank = Банк организации
invoice-signatory = Кто подписывает
invoice-issue = Выставить счёт
org-name = Наименование
org-legal-form = Организационно-правовая форма (ООО, АО, ИП…)
org-inn = ИНН
org-inn-hint = 10 цифр для юрлица, 12 — для ИП.
org-kpp = КПП
org-kpp-hint = 9 знаков; у ИП КПП нет.
org-ogrn = ОГРН
org-ogrn-hint = 13 цифр (ОГРНИП у ИП — 15).
org-address = Юридический адрес
org-bank = Банк
org-bik = БИК
org-bik-hint = 9 цифр, начинается с 04.
org-account = Расчётный счёт
org-account-hint = 20 цифр, проверяется по БИК.
org-correspondent-account = Корреспондентский счёт
org-correspondent-account-hint = 20 цифр, начинается с 30101, проверяется по БИК.
org-head = Руководитель (ФИО)
org-authority = Действует на основании
org-authority-hint = Например: Устава, доверенности № 5 от 01.02.2026.
requisite-length = { $field }: нужно знаков — { $expected }.
requisite-not-digits = { $field }: только цифры.
requisite-checksum = { $field }: не сходятся контрольные цифры; проверьте номер.
requisite-format = { $field }: не в том виде, в каком должно быть.
invoice-page-title = Счёт № { $number } от { $date }
invoice-for = За что
invoice-status = Состояние
invoice-status-issued = Ждёт оплаты
invoice-status-paid = Оплачен: перевод поступил { $date }
invoice-status-canceled = Отменён
invoice-paid-short = оплачен
invoice-next = Оплатите счёт с расчётного счёта организации. Тариф начнёт действовать в день, когда администраторы сервиса увидят перевод, — мы сообщим по почте.
invoice-pdf-ru = Счёт (PDF, по-русски)
invoice-pdf-en = Счёт (PDF, по-английски)
act-pdf-ru = Акт оказанных услуг (PDF, по-русски)
act-pdf-en = Акт оказанных услуг (PDF, по-английски)
invoice-file = Счёт { $number }
act-file = Акт { $number }
invoice-title = Счёт на оплату № { $number } от { $date }
invoice-payee-bank = Банк получателя
invoice-payee = Получатель
invoice-payee-role = Поставщик (исполнитель)
invoice-payer-role = Покупатель (заказчик)
invoice-col-no = №
invoice-col-name = Наименование услуги
invoice-col-quantity = Кол-во
invoice-col-unit = Ед.
invoice-col-price = Цена
invoice-col-amount = Сумма
invoice-unit = усл.
invoice-item = Plenary, тариф «{ $plan }» на один год
invoice-total = Итого:
invoice-vat = В том числе НДС { $rate }%:
invoice-no-vat = Без НДС:
invoice-due = Всего к оплате:
invoice-purpose = Назначение платежа: оплата по счёту № { $number } за тариф Plenary «{ $plan }» на один год.
invoice-terms = Тариф начинает действовать после поступления оплаты, в течение двух рабочих дней. Счёт действителен 10 дней.
invoice-head = Руководитель
act-title = Акт оказанных услуг № { $number } от { $date }
act-contractor = Исполнитель
act-customer = Заказчик
act-basis = Основание
act-basis-invoice = Счёт № { $number } от { $date }
act-item = Plenary, тариф «{ $plan }» с { $from } по { $to }
act-done = Услуги оказаны полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.
document-page = Страница
invoice-paid-subject = Оплата по счёту № { $number } получена
invoice-paid-line = Перевод по счёту № { $number } поступил: тариф «{ $plan }» действует с сегодняшнего дня на год. Акт оказанных услуг — на странице счёта.
invoice-paid-action = Открыть счёт
admin-invoices-title = Счета
admin-invoices-none = Счетов пока нет.
admin-invoice-number = Счёт № { $number }
admin-invoice-note = Чем подтверждён перевод (платёжное поручение, дата)
admin-invoice-note-required = Укажите, чем подтверждён перевод, — для учёта.
admin-invoice-mark-paid = Отметить оплату
admin-invoice-paid = Оплачен { $date }: { $note }
invoice-workspace-gone = пространство, которое уже удалено
notice-invoice-marked-paid = Оплата отмечена. Тариф начал действовать, владельцу пространства отправлено письмо.
requisite-or = или

## Платёжная консоль администраторов, возвраты и квитанции
admin-billing-title = Оплата
admin-billing-search = Найти пространство по названию или почте владельца
admin-billing-subscriptions = Пространства с тарифом
admin-billing-found = Найденные пространства
admin-billing-none = Пространств нет.
admin-billing-payments = Последние платежи
admin-billing-no-payments = Платежей пока нет.
admin-billing-back = Все пространства и платежи
admin-billing-plan = { $plan }, { $period }
admin-billing-period-month = помесячно
admin-billing-period-year = на год
admin-billing-paid-until = оплачен до { $date }, без продления
admin-billing-renews-on = оплачен, продлится { $date }
admin-billing-granted-until = предоставлен до { $date }
admin-billing-ended-on = закончился { $date }
admin-billing-retrying-until = продление не прошло, попытки продолжаются; платные возможности до { $date }
payment-provider-sandbox = песочница (тестовый режим)
payment-provider-yookassa = ЮKassa
payment-provider-stripe = Stripe
payment-provider-transfer = банковский перевод
payment-provider-none = нет карты
admin-billing-balance = на балансе { $amount }
admin-phones-title = Аккаунты с одним номером телефона
admin-phones-lead = Правило — один бесплатный аккаунт на человека (Пользовательское соглашение, 3.7). Сервис его не навязывает: эти аккаунты указали один и тот же номер, посмотрите на них сами. Номера указывают люди, они не проверены.
admin-phones-none = Ни у каких двух аккаунтов номер не совпадает.
admin-phones-confirmed = почта подтверждена
admin-phones-unconfirmed = почта не подтверждена
admin-phones-since = с { $date }
admin-grant-title = Предоставить тариф
admin-grant-lead = Пространство получит тариф без оплаты на указанное число дней: пилот, партнёрство, исправление ошибки. Оплаченный срок заменяется предоставленным, баланс сохраняется. Ноль дней заканчивает предоставленный тариф сейчас.
admin-grant-plan = Тариф
admin-grant-days = Дней
admin-grant-days-hint = От 0 до { $max }.
admin-grant-submit = Предоставить тариф
admin-grant-plan-required = Выберите один из тарифов.
admin-grant-days-invalid = Число дней — целое, от 0 до { $max }.
admin-reason = Причина (сохранится в истории пространства, её видят его администраторы)
admin-reason-required = Укажите причину — она останется в истории.
admin-refund-title = Возврат
admin-refund-amount = Сумма возврата, { $currency }
admin-refund-end-plan = Также закончить оплаченный тариф сейчас
admin-refund-hint = Оплата картой возвращается через платёжного провайдера, плательщику придёт письмо. Банковский перевод сначала верните из банка: здесь возврат только записывается.
admin-refund-submit = Вернуть
admin-refund-amount-invalid = Укажите сумму больше нуля, например 990 или 990,50.
admin-refund-amount-too-much = Это больше, чем осталось от платежа.
admin-refund-stale = Платёж вернули или изменили, пока страница была открыта. Посмотрите на него ещё раз.
admin-refund-other-provider = Платёж прошёл через другого платёжного провайдера, не того, что работает сейчас: верните его в личном кабинете того провайдера.
admin-refund-unavailable = Платёжный провайдер недоступен. Ничего не возвращено; попробуйте через минуту.
admin-refund-refused = Платёжный провайдер отказал в возврате: { $reason }
notice-plan-granted = Тариф предоставлен и записан в историю пространства.
notice-payment-refunded = Деньги возвращены. Плательщику придёт письмо.
billing-event-refunded = { $by } вернул(а) весь платёж за тариф «{ $plan }» или его часть. Причина: { $reason }
billing-event-refunded-ended = { $by } вернул(а) платёж за тариф «{ $plan }» и закончил(а) тариф. Причина: { $reason }
billing-payment-part-refunded = оплачено, возвращено { $amount }
billing-receipt-pdf = Квитанция (PDF)
refund-subject = Возврат { $amount } от Plenary
refund-line = Мы вернули { $amount } из вашего платежа за { $what }. Банку может понадобиться до 10 дней, чтобы показать возврат.
refund-plan-ended = Платные возможности тарифа вместе с этим закончились.
receipt-title = Квитанция об оплате от { $date }
receipt-file = Квитанция { $date }
receipt-seller = Получатель
receipt-buyer = Плательщик
receipt-paid-total = Оплачено:
receipt-refunded = Возвращено:
receipt-by-card = Оплачено картой через платёжного провайдера.
receipt-by-transfer = Оплачено банковским переводом по счёту.
receipt-fiscal = Кассовый чек (54-ФЗ) платёжный провайдер отправил на { $email }.
receipt-test-mode = Тестовый режим: деньги не списывались.

## Cookie consent
consent-banner-title = Cookie-файлы в Plenary
consent-banner-text = Для работы Plenary нужно несколько cookie-файлов: для входа в аккаунт и для этого выбора. С вашего согласия сервис также запоминает ваши настройки и анонимно считает просмотры страниц; если на этой установке показывается реклама, на неё тоже нужно ваше согласие. Пока вы не сделали выбор, ничего необязательного не используется.
consent-accept-all = Принять все
consent-reject-all = Отклонить все
consent-choose = Выбрать
consent-settings = Настройки cookie
consent-save = Сохранить выбор
consent-intro = Выберите, какие cookie-файлы и какое хранилище браузера может использовать Plenary. Изменить или отозвать выбор можно здесь в любой момент, по ссылке внизу каждой страницы.
consent-current = Ваш выбор сейчас: { $choice }.
consent-none-yet = Вы ещё не выбрали: используются только строго необходимые cookie-файлы.
consent-gpc = Ваш браузер передаёт сигнал Global Privacy Control; мы считаем его отказом от аналитики и рекламы.
consent-always-on = всегда включены
consent-log = Ваши сохранённые решения
consent-only-necessary = только строго необходимые cookie-файлы
consent-allowed = { $categories } и { $last } cookie-файлы
consent-word-necessary = строго необходимые
consent-word-functional = функциональные
consent-word-analytics = аналитические
consent-word-advertising = рекламные
consent-necessary = Строго необходимые
consent-necessary-text = Вход в аккаунт, язык, выбранный на время работы браузера, место в истории отмены действий редактора и сам этот выбор. Без них сервис не работает, поэтому согласие на них не требуется.
consent-functional = Функциональные
consent-functional-text = Запоминают ваши настройки между визитами: выбранный язык и то, как редактор показывает блоки.
consent-analytics = Аналитика
consent-analytics-text = Подсчёт просмотров страниц и использования функций. Его ведёт сам сервис, и в нём нет данных, по которым можно установить вашу личность. Он помогает нам понять, что улучшать.
consent-analytics-none = Cookie-файлы для этого не ставятся: счётчики хранятся на сервере.
consent-advertising = Реклама
consent-advertising-text = Реклама и её измерение, в том числе персонализированная реклама.
consent-advertising-none = Plenary сам не показывает рекламу и не ставит рекламных cookie-файлов. Если оператор этой установки добавит рекламу, она будет работать только с этим согласием.
consent-use-login = Сохраняет вход в аккаунт.
consent-use-consent = Запоминает ваш выбор cookie-файлов.
consent-use-lang-session = Выбранный язык, пока браузер открыт.
consent-use-history = Отмена и повтор действий в редакторе, для каждой сессии, в этой вкладке.
consent-use-htmx-path = Адрес страницы, чтобы кнопка «Назад» возвращала к ней после поиска.
consent-use-lang = Запоминает выбранный язык между визитами.
consent-use-details = Показывает ли редактор подробности всех блоков.
consent-lifetime-browser = до закрытия браузера
consent-lifetime-tab = до закрытия вкладки
consent-lifetime-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
consent-lifetime-login = { $days ->
    [one] до выхода из аккаунта, не больше { $days } дня
   *[other] до выхода из аккаунта, не больше { $days } дней
}
consent-lifetime-kept = пока вы не очистите хранилище браузера или не отзовёте согласие
notice-cookies-saved = Ваш выбор cookie-файлов сохранён. Изменить его можно в любой момент в «Настройках cookie» внизу страницы.

## Analytics (administrators)
analytics-title = Аналитика
analytics-about = Считается только для посетителей, разрешивших аналитические cookie-файлы: по страницам и функциям, по дням (UTC). Здесь нет ничего, что позволило бы установить личность или отличить одного посетителя от другого.
analytics-period = Период
analytics-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
analytics-page-heading = Просмотры страниц
analytics-feature-heading = Использование функций
analytics-page-summary = { $total ->
    [one] { $total } просмотр
    [few] { $total } просмотра
   *[many] { $total } просмотров
} за { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}; в самый активный день — { $max }.
analytics-feature-summary = { $total ->
    [one] { $total } использование функций
    [few] { $total } использования функций
   *[many] { $total } использований функций
} за { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}; в самый активный день — { $max }.
analytics-page-empty = За { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} просмотров не посчитано.
analytics-feature-empty = За { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} использований функций не посчитано.
analytics-figures = Цифры
analytics-day = День
analytics-hits = Количество
analytics-route = Страница или функция
analytics-top-pages = Самые просматриваемые страницы
analytics-top-features = Самые используемые функции
analytics-none = За этот период ничего не посчитано.

## Advertising emails
mail-advertising-footer = Вы получаете новости и предложения Plenary, потому что не отказались от них.
mail-unsubscribe = Отписаться
messages-title = Новости и предложения
messages-about = Письма об аккаунте, оплате, доступе к сессиям и упоминаниях приходят всегда. Новости и предложения — это реклама: от неё можно отказаться здесь или по ссылке внизу каждого такого письма.
messages-advertising = Присылать мне новости и предложения по почте
messages-personalised = Рекламу можно подбирать для меня с учётом того, как я пользуюсь Plenary
notice-messages-saved = Ваш выбор о новостях и предложениях сохранён.
unsubscribe-title = Отписка от новостей и предложений
unsubscribe-ask = Больше не присылать новости и предложения на этот адрес? Письма об аккаунте, оплате, доступе к сессиям и упоминаниях будут приходить по-прежнему.
unsubscribe-confirm = Отписаться
unsubscribe-done = Готово: новости и предложения на этот адрес больше не придут.
unsubscribe-account = Подписаться снова можно на странице аккаунта.
unsubscribe-account-link = Открыть аккаунт
newsletters-title = Рассылка новостей
newsletters-audience = { $count ->
    [one] { $count } человек с подтверждённым адресом не отказался от новостей и предложений.
    [few] { $count } человека с подтверждённым адресом не отказались от новостей и предложений.
   *[many] { $count } человек с подтверждённым адресом не отказались от новостей и предложений.
}
newsletters-new = Новое письмо
newsletters-subject = Тема
newsletters-body = Текст
newsletters-body-hint = Простой текст; пустая строка начинает новый абзац. Каждый получит письмо на своём языке, с обращением и ссылкой для отписки.
newsletters-send = Отправить всем, кто не отказался
newsletters-sent = Отправленные
newsletters-queuing = { $count ->
    [one] Отправляется: в очереди пока { $count } письмо.
    [few] Отправляется: в очереди пока { $count } письма.
   *[many] Отправляется: в очереди пока { $count } писем.
}
newsletters-queued-all = { $count ->
    [one] Отправлено: в очередь поставлено { $count } письмо.
    [few] Отправлено: в очередь поставлены { $count } письма.
   *[many] Отправлено: в очередь поставлено { $count } писем.
}
notice-newsletter-sent = Письмо отправляется: оно ставится в очередь для всех, кто не отказался от новостей и предложений.

## Удаление аккаунта
delete-account-title = Удаление аккаунта
delete-account-intro = Удалить аккаунт и всё личное в нём. Опубликованные методы и дизайны останутся в библиотеке, но без вашего имени.
delete-account-open = Удалить мой аккаунт…
delete-account-lead = Удаление аккаунта нельзя отменить. Вы выйдете из аккаунта на всех устройствах, а ваши API-токены перестанут работать. Сначала скачайте то, что хотите сохранить.
delete-account-goes = Что будет удалено
delete-account-goes-profile = Профиль, адрес почты, аватар, сеансы входа, токены, уведомления и выбор cookie.
delete-account-goes-sessions = Сессии с версиями и комментариями: { $count }
delete-account-goes-items = Личные методы и дизайны: { $count }
delete-account-goes-files = Файлы: { $count }
delete-account-goes-team = Команда «{ $name }», в которой больше никого нет, со всем содержимым
delete-account-goes-rest = Приглашения на этот адрес и письма, ожидающие отправки на него.
delete-account-stays = Что останется
delete-account-stays-public = Опубликованные методы и дизайны — без имени автора (прикреплённые к ним файлы удаляются): { $count }
delete-account-stays-comments = Комментарии в чужих сессиях с подписью «Бывший участник»: { $count }
delete-account-stays-edits = Правки в чужих сессиях — без имени автора.
delete-account-stays-team = Команда «{ $name }» и то, что в ней создано, остаются у её участников.
delete-account-stays-billing = Счета, которые мы обязаны хранить по закону.
delete-account-teams = Сначала передайте команды
delete-account-teams-lead = Вы единственный администратор этих команд. Прежде чем удалить аккаунт, назначьте администратором другого участника (или удалите остальных из команды).
delete-account-shared = Сессии, в которых работают другие
delete-account-shared-lead = Передайте каждую сессию одному из её участников на странице доступа (он станет владельцем) или отметьте пункт ниже: сессии будут удалены, а их участники — уведомлены.
delete-account-shared-people = { $count ->
    [one] ещё { $count } человек
    [few] ещё { $count } человека
    [many] ещё { $count } человек
   *[other] ещё { $count } человека
}
delete-account-confirm = Подтверждение
delete-account-password = Ваш пароль
delete-account-type = Введите адрес вашей почты
delete-account-type-hint = Для подтверждения введите { $email }.
delete-account-delete-shared = { $count ->
    [1] Удалить сессию, в которой работают другие, и уведомить их
   *[other] Удалить сессии, в которых работают другие ({ $count }), и уведомить их
}
delete-account-button = Удалить аккаунт навсегда
delete-account-cancel = Оставить аккаунт
delete-account-hand-over-first = Сначала передайте команды, перечисленные выше; после этого здесь появится форма.
notice-account-deleted = Ваш аккаунт удалён. Спасибо, что пользовались Plenary.
field-error-mismatch = Не совпадает. Введите в точности как указано.
error-hand-over-team = Вы единственный администратор команды, в которой есть другие участники: сначала назначьте администратором одного из них.
error-shared-sessions = В некоторых ваших сессиях работают другие люди: сначала передайте их или отметьте пункт об их удалении.
notification-session-deleted-with-owner = Сессия «{ $title }» удалена вместе с аккаунтом её владельца.
mail-session-deleted-subject = Сессия «{ $title }» удалена
mail-session-deleted-body = Сессия «{ $title }» удалена вместе с аккаунтом её владельца. Доступа к ней у вас больше нет.
admin-delete-title = Удаление аккаунта: { $name }
admin-delete-lead = Удаление по запросу (например, по письму) действует так же, как удаление аккаунта самим человеком, и его нельзя отменить. Человек выйдет из аккаунта на всех устройствах.
admin-delete-teams = Передача команд
admin-delete-teams-lead = Этот человек — единственный администратор этих команд: каждая перейдёт к участнику, который состоит в ней дольше всех.
admin-delete-shared-lead = В этих сессиях работают другие люди: каждая перейдёт к тому, кто дольше всех был её редактором, и он получит уведомление; сессия, которую другие только просматривают или комментируют, будет удалена, а её участники — уведомлены.
admin-delete-open = Удалить…
admin-delete-type = Введите адрес почты этого аккаунта
error-delete-self = Свой аккаунт можно удалить на странице аккаунта.
notice-account-deleted-by-admin = Аккаунт удалён.
mail-inactive-subject = Ваш аккаунт Plenary будет удалён { $date }
mail-inactive-body = Вы не входили в Plenary с { $last }. Согласно Пользовательскому соглашению (п. 3.9.1), аккаунт, которым так долго не пользуются, удаляется вместе со всем личным содержимым: ваш будет удалён { $date }.
mail-inactive-keep = Чтобы сохранить его, просто войдите до этой даты.
mail-inactive-sign-in = Войти
notifications-public-activity = Сообщать, когда автор методов из моего избранного публикует что-то новое
notification-author-published = { $name } опубликовал(а) «{ $title }» в общей библиотеке.
mail-author-published-subject = { $name } опубликовал(а) «{ $title }»
mail-author-published-body = { $name } — автор методов из вашего избранного — опубликовал(а) «{ $title }» в общей библиотеке Plenary.
mail-author-published-off = Отключить такие сообщения можно на странице аккаунта, в разделе «Уведомления по почте».
mail-author-published-open = Открыть
notification-session-handed-with-owner = Сессия «{ $title }» теперь ваша: аккаунт её владельца удалён.
mail-session-handed-subject = Сессия «{ $title }» теперь ваша
mail-session-handed-body = У владельца сессии «{ $title }» больше нет аккаунта, а вы дольше всех были её редактором: теперь вы её владелец, и она перенесена в ваше личное пространство.

## Правовые документы
legal-title-terms = Пользовательское соглашение
legal-title-privacy = Политика конфиденциальности
legal-title-cookies = Политика использования файлов cookie
legal-title-consent = Согласие на обработку персональных данных
legal-version = Редакция { $number }
legal-status-upcoming = вступает в силу { $date }
legal-status-in-force = действует с { $date }
legal-status-earlier = действовала с { $date }, заменена новой редакцией
legal-upcoming = С { $date } будет действовать новая редакция: прочитайте её и узнайте, что меняется.
legal-read-current = Читать действующую редакцию
legal-what-changed = Что изменилось
legal-all-versions = Все редакции и что менялось в каждой
legal-versions-title = { $document }: все редакции
legal-operator-details = ИНН { $inn }, ОГРН { $ogrn }, адрес: { $address }.
legal-banner-title = Изменения в наших документах
legal-banner-changes = С { $date } будет действовать новая редакция документа «{ $document }».
legal-banner-changed = С { $date } действует новая редакция документа «{ $document }».
legal-banner-what-changes = Что меняется
legal-banner-what-changed = Что изменилось
legal-banner-seen = Понятно
legal-mail-subject = Новая редакция документа «{ $document }» с { $date }
legal-mail-intro = Мы опубликовали новую редакцию документа «{ $document }». Она вступает в силу { $date }.
legal-mail-changes = Что меняется:
legal-mail-outro = Если вы не согласны с ней, удалите аккаунт до { $date } на странице аккаунта. Продолжая пользоваться Plenary с этого дня, вы принимаете новую редакцию.
legal-mail-read = Читать новую редакцию
field-accept-consent = Я даю согласие на обработку моих персональных данных
field-error-invalid-date = Введите дату в виде ГГГГ-ММ-ДД.
field-error-too-late = { $limit ->
    [one] Выберите дату не позже чем через { $limit } день.
    [few] Выберите дату не позже чем через { $limit } дня.
    [many] Выберите дату не позже чем через { $limit } дней.
   *[other] Выберите дату не позже чем через { $limit } дня.
}
field-error-too-early = { $limit ->
    [one] Выберите дату не раньше чем через { $limit } день.
    [few] Выберите дату не раньше чем через { $limit } дня.
    [many] Выберите дату не раньше чем через { $limit } дней.
   *[other] Выберите дату не раньше чем через { $limit } дня.
}
notice-legal-draft-saved = Черновик сохранён. Его никто не увидит, пока он не опубликован.
notice-legal-draft-deleted = Черновик удалён.
notice-legal-published = Новая редакция опубликована: о ней сообщили по почте и в баннере на сайте, в силу она вступит в назначенный день.
error-legal-scheduled = Другая редакция этого документа ещё ждёт своей даты. Опубликуйте эту после этой даты.
error-legal-published = Эта редакция уже опубликована и не меняется.
legal-admin-title = Правовые документы
legal-admin-intro = Каждый документ хранится в редакциях. Напишите новую редакцию как черновик, прочитайте её, затем опубликуйте с датой вступления в силу: всем с подтверждённым адресом придёт письмо, а вошедшие в аккаунт увидят баннер, пока не прочитают, что меняется.
legal-admin-accepted = { $count ->
    [1] принял { $count } человек
    [one] приняли { $count } человек
    [few] приняли { $count } человека
    [many] приняли { $count } человек
   *[other] приняли { $count } человека
}
legal-admin-draft-saved = Черновик, сохранён { $when }
legal-admin-write = Написать новую редакцию
legal-admin-new = Новая редакция: { $document }
legal-admin-draft = Черновик: { $document }
legal-admin-back = Все правовые документы
legal-admin-changes = Что меняется
legal-admin-changes-hint = Краткое изложение для письма и страницы баннера, в Markdown. Обязательно для публикации.
legal-admin-changes-first = Для первой редакции документа не обязательно.
legal-admin-body = Текст
legal-admin-body-hint = Markdown: ## для разделов, пустые строки между абзацами, - для списков. Заголовок страница покажет сама.
legal-admin-save = Сохранить черновик
legal-admin-preview = Как это увидят люди
legal-admin-publish = Публикация
legal-admin-publish-text = После публикации редакция не меняется. О ней сообщается сразу, а в силу она вступает в начале выбранного дня (UTC).
legal-admin-effective-on = Вступает в силу
legal-admin-publish-button = Опубликовать и сообщить
legal-admin-delete = Удалить черновик

## Скачать мои данные
data-export-title = Ваши данные
data-export-what = Скачать копию своих данных
data-export-holds-account = Профиль, пространства, активные входы, API-токены (без секретов), принятые правовые документы и ваши настройки cookie.
data-export-holds-sessions = Все ваши сессии в формате Plenary, который читает импорт.
data-export-holds-library = Методы и дизайны, которые вы написали, и ваши комментарии.
data-export-holds-billing = Платежи и счета пространств, которыми вы владеете.
data-export-holds-files = Загруженные вами файлы.
data-export-how = Копия — это ZIP-файл. Её подготовка занимает немного времени; когда она будет готова, мы пришлём письмо, а ссылка будет работать 7 дней и только для вас. Копию можно запросить раз в сутки.
data-export-ask = Подготовить мои данные
data-export-next = Следующую копию можно запросить после { $date }.
data-export-copies = Запрошенные копии
data-export-asked = Запрошена { $date }
data-export-state-running = Готовится…
data-export-state-failed = Не удалось подготовить. Можно запросить снова.
data-export-state-ready = Можно скачать до { $date }
data-export-state-expired = Срок действия ссылки истёк.
data-export-back = Ваши данные
data-export-running-title = Готовим ваши данные
data-export-running = Готово частей: { $done } из { $total }
data-export-waiting = Ждём начала…
data-export-leave = Можно уйти с этой страницы: когда копия будет готова, мы пришлём ссылку по почте.
data-export-failed-title = Не удалось подготовить ваши данные
data-export-failed = При подготовке копии что-то пошло не так. Ничего не потеряно; запросите копию ещё раз.
data-export-ready-title = Ваши данные готовы
data-export-download = Скачать ZIP ({ $size })
data-export-kept = Ссылка работает до { $date } и только после входа в аккаунт.
data-export-expired-title = Срок этой копии истёк
data-export-expired = Ссылка работала 7 дней, файл удалён. Можно запросить новую копию.
data-export-before-deleting = Сначала скачайте свои данные.
data-export-mail-subject = Ваши данные готовы к скачиванию
data-export-mail-body = Запрошенная вами копия данных Plenary готова. Ссылка работает до { $date } и только после входа в аккаунт.
data-export-mail-action = Скачать мои данные
data-export-readme = Это копия ваших данных в Plenary.

    account.json — профиль, пространства, активные входы, API-токены (без секретов), принятые правовые документы и ваши настройки cookie.
    avatar.png или avatar.jpg — ваша фотография, если вы её загрузили.
    sessions/ — все ваши сессии, по одному JSON-файлу, в формате Plenary (импорт на главной странице читает его).
    methods.json и designs.json — методы и дизайны, которые вы написали.
    comments.json — ваши комментарии и сессии, к которым они относятся.
    billing.json — платежи, счета, смены тарифа, сохранённая карта (платёжная система и последние четыре цифры) и реквизиты для счетов пространств, которыми вы владеете.
    files/ — загруженные вами файлы.

    В этих JSON-файлах время указано в UTC (ISO 8601), суммы — в минимальных единицах (копейках, центах); сессии хранятся в собственном формате Plenary, где время — миллисекунды с 1970 года.
error-data-export-daily = Вы запрашивали копию данных меньше суток назад. Следующую можно запросить через сутки после предыдущего запроса.

## Администрирование: люди, блокировки, ограничения и журнал действий
error-account-blocked = Этот аккаунт заблокирован администраторами сервиса. Причина — в письме, которое мы отправили; чтобы возразить, ответьте на него.
error-form-refused = Форма отправлена быстрее, чем человек успевает её заполнить, или со страницы, открытой сутки назад или раньше. Проверьте, что вы ввели, и отправьте её ещё раз.
error-restricted-publish = Администратор запретил этому аккаунту публиковать в общей библиотеке.
error-restricted-public-links = Администратор запретил этому аккаунту создавать публичные ссылки.
error-restricted-invite = Администратор запретил этому аккаунту приглашать людей.
error-already-blocked = Этот аккаунт уже заблокирован.
error-not-blocked = Этот аккаунт не заблокирован.
error-administrator-unblockable = Администратора нельзя заблокировать. Сначала сделайте его обычным аккаунтом.
field-error-not-public-material = Укажите адрес материала на этом сервисе: метода или дизайна в общей библиотеке или страницы публичной ссылки на сессию.
field-error-days = Введите число дней от 1 до { $limit } или оставьте поле пустым.
mail-blocked-subject = Ваш аккаунт на { $site } заблокирован
mail-blocked-body = Администраторы { $site } заблокировали ваш аккаунт: войти в него нельзя, публичные ссылки на ваши сессии не работают.
mail-blocked-contact = Если вы считаете это ошибкой, ответьте на это письмо или напишите на { $email }.
mail-unblocked-subject = Ваш аккаунт на { $site } разблокирован
mail-unblocked-body = Администраторы { $site } разблокировали ваш аккаунт: вы снова можете войти.
mail-unblocked-contact = Есть вопросы? Ответьте на это письмо или напишите на { $email }.
mail-restricted-subject = Некоторые возможности вашего аккаунта на { $site } ограничены
mail-restricted-body = Администраторы { $site } ограничили некоторые возможности вашего аккаунта.
mail-restricted-what = Ограничено: { $what }.
mail-restricted-until = До { $date }.
mail-restricted-contact = Если вы считаете это ошибкой, ответьте на это письмо или напишите на { $email }.
mail-moderation-reason = Причина: { $reason }
mail-moderation-message = От администраторов: { $message }
restriction-publish = публикация в общей библиотеке
restriction-public-links = публичные ссылки на сессии
restriction-invite = приглашения в сессии и команды
notice-account-blocked = Аккаунт заблокирован, владелец уведомлён по почте.
notice-account-unblocked = Аккаунт разблокирован, владелец уведомлён по почте.
notice-account-restricted = Ограничение действует.
notice-restriction-lifted = Ограничение снято.
notice-administrator-granted = Аккаунт теперь администратор.
notice-administrator-revoked = Аккаунт больше не администратор.
admin-blocked = Заблокирован
admin-person-back = ← Все люди
admin-person-unconfirmed = Адрес не подтверждён
admin-person-blocked-since = Заблокирован с { $date }.
admin-person-facts = Аккаунт
admin-person-last-active = Последняя активность
admin-person-never = Никогда
admin-person-made = Создано
admin-person-sessions = { $count ->
    [one] { $count } сессия
    [few] { $count } сессии
    [many] { $count } сессий
   *[other] { $count } сессии
}
admin-person-methods = { $count ->
    [one] { $count } метод
    [few] { $count } метода
    [many] { $count } методов
   *[other] { $count } метода
}
admin-person-designs = { $count ->
    [one] { $count } дизайн
    [few] { $count } дизайна
    [many] { $count } дизайнов
   *[other] { $count } дизайна
}
admin-person-public = В общей библиотеке
admin-person-withheld = скрыто администратором: { $count }
admin-person-personal = личное пространство
admin-block-title = Блокировка
admin-block-lead = Заблокированный человек не может войти; его входы и API-токены сразу завершаются, а публичные ссылки на его сессии отвечают «не найдено». Он получит письмо с причиной.
admin-block-admin = Администратора нельзя заблокировать. Сначала сделайте его обычным аккаунтом.
admin-block-hide = Также скрыть его методы и дизайны в общей библиотеке до разблокировки
admin-block-submit = Заблокировать аккаунт
admin-unblock-title = Разблокировка
admin-unblock-lead = Человек снова сможет войти, а скрытое блокировкой вернётся в общую библиотеку. Он получит письмо.
admin-unblock-submit = Разблокировать аккаунт
admin-restrict-title = Ограничения
admin-restrict-none = Ничего не ограничено.
admin-restricted-until = до { $date }
admin-restricted-until-lifted = до снятия
admin-lift-submit = Снять
admin-restrict-lead = Отключите человеку некоторые возможности на несколько дней или до снятия. Если вы напишете ему сообщение, он получит письмо.
admin-restrict-what = Что ограничить
admin-restrict-days = На сколько дней
admin-restrict-days-hint = Оставьте пустым, чтобы ограничение действовало до снятия.
admin-restrict-submit = Ограничить
admin-role-title = Роль администратора
admin-role-grant-lead = Администратор видит эту консоль и действует от имени сервиса.
admin-role-revoke-lead = Забрать роль администратора; у последнего администратора её забрать нельзя.
admin-role-grant = Сделать администратором
admin-role-revoke = Сделать обычным аккаунтом
admin-person-logins = Активные входы
admin-person-no-logins = Активных входов нет.
admin-person-started-at = вход { $date }
admin-person-last-seen-at = последний визит { $date }
admin-person-created-at = с { $date }
admin-person-reports = Жалобы на материалы этого человека
admin-person-no-reports = Жалоб на их методы, дизайны и публичные ссылки нет.
admin-person-report-open = Решить в очереди
admin-person-actions = Принятые меры
admin-person-all-actions = Все действия по этому человеку в журнале
admin-action-reason = Причина (сохраняется в журнале действий)
admin-reason-hint = Обязательно. Администраторы видят её в журнале, человек — в письме.
admin-message = Сообщение человеку (необязательно)
admin-message-hint = Отправляется по почте вместе с причиной.
audit-title = Журнал действий
audit-lead = Каждое действие администраторов: кто, что, с кем, почему и когда. Изменить или удалить запись не может никто.
audit-filter-action = Действие
audit-filter-any = Любое
audit-filter-by = Почта администратора
audit-filter-subject = С чем (id)
audit-filter-subject-hint = Id аккаунта, пространства или материала.
audit-filter-submit = Показать
audit-empty = Действий не записано.
audit-older = Более ранние записи
audit-unknown-actor = Аккаунта с таким адресом нет.
audit-bad-subject = Это не id.
audit-deleted-account = удалённый аккаунт ({ $id })
audit-command-line = командная строка
audit-subject-method = метод { $id }
audit-subject-template = дизайн { $id }
audit-subject-workspace = пространство { $id }
audit-subject-payment = платёж { $id }
audit-subject-invoice = счёт { $id }
audit-subject-legal = версия документа { $id }
audit-subject-newsletter = рассылка { $id }
audit-action-block = Заблокирован
audit-action-unblock = Разблокирован
audit-action-restrict = Ограничен
audit-action-lift-restriction = Снято ограничение
audit-action-grant-admin = Назначен администратором
audit-action-revoke-admin = Снята роль администратора
audit-action-delete-account = Аккаунт удалён
audit-action-review-publication = Рассмотрена публикация
audit-action-grant-plan = Выдан тариф
audit-action-refund = Возврат платежа
audit-action-invoice-paid = Счёт отмечен оплаченным
audit-action-send-newsletter = Отправлена рассылка
audit-action-publish-legal = Опубликован юридический документ
audit-detail-hide-content = публичные материалы скрыты
audit-detail-approved = одобрена
audit-detail-rejected = отклонена
audit-detail-withheld = { $count ->
    [one] скрыт { $count } публичный материал
    [few] скрыто { $count } публичных материала
    [many] скрыто { $count } публичных материалов
   *[other] скрыто { $count } публичного материала
}
audit-detail-shown-again = { $count ->
    [one] возвращён { $count } публичный материал
    [few] возвращено { $count } публичных материала
    [many] возвращено { $count } публичных материалов
   *[other] возвращено { $count } публичного материала
}
audit-detail-credentials-ended = завершено входов и токенов: { $count }
audit-detail-kinds = { $what }
report-method = Пожаловаться на метод
report-design = Пожаловаться на дизайн
report-link = Пожаловаться на страницу
report-back = ← Назад: { $title }
report-lead = Расскажите администраторам сервиса, что не так. Они читают каждую жалобу и отвечают по почте.
report-category = Что не так
report-category-illegal = Незаконный контент
report-category-harmful = Вредный или опасный контент
report-category-harassment = Травля или ненависть
report-category-spam = Спам или реклама
report-category-malware = Вредоносные программы или фишинг
report-category-copyright = Нарушение авторских прав
report-category-other = Другое
report-body = Что не так — своими словами
report-body-hint = Где на странице и почему. Не больше 4000 символов.
report-email-hint = Мы напишем на этот адрес, когда администратор примет решение.
report-copyright-hint = Вы правообладатель произведения, которое здесь скопировано? Отправьте уведомление о нарушении авторских прав.
report-submit = Отправить жалобу
report-sent = Спасибо. Администраторы прочитают жалобу и сообщат вам о решении.
reports-title = Жалобы
reports-open = { $count ->
    [one] { $count } открытая жалоба
    [few] { $count } открытые жалобы
    [many] { $count } открытых жалоб
   *[other] { $count } открытой жалобы
}
reports-empty = Жалоб нет.
report-kind-method = Метод
report-kind-template = Дизайн
report-kind-link = Публичная ссылка
report-gone = (удалено)
report-deleted-account = удалённый аккаунт
report-signed-out = посетитель, { $email }
report-owner = Владелец
report-reason-hint = Обязательно; сохраняется в журнале действий. «Убрать материал» отправит её владельцу и авторам жалоб, «Отклонить» — автору жалобы.
admin-content-reason-hint = Обязательно; сохраняется в журнале действий. Владелец прочитает её в письме.
report-remove = Убрать материал
report-dismiss = Отклонить
report-outcome-open = Открыта, ждёт решения
report-outcome-removed = Убрано { $date }: { $reason }
report-outcome-dismissed = Отклонено { $date }: { $reason }
admin-content-title = Убранные материалы
admin-content-remove-title = Убрать метод или дизайн из общей библиотеки
admin-content-remove-lead = Материал сразу исчезнет из общей библиотеки; у автора он останется, автор получит письмо с причиной. В течение 30 дней его можно вернуть здесь.
admin-content-address = Адрес страницы
admin-content-address-hint = Например, /library/methods/… или полный адрес из браузера.
admin-content-remove-submit = Убрать из общей библиотеки
admin-content-bad-address = Вставьте адрес страницы метода или дизайна.
admin-content-not-public = Этого нет в общей библиотеке.
admin-content-removed = Убрано за последние 30 дней
admin-content-none = За последние 30 дней ничего не убирали.
admin-content-removed-on = убрано { $date }
admin-content-restorable-until = можно вернуть до { $date }
admin-content-restore = Вернуть
notice-content-removed = Материал убран; владелец и авторы жалоб получат письма.
notice-content-restored = Материал возвращён; владелец получит письмо.
notice-report-dismissed = Жалоба отклонена; её автор получит письмо.
notice-counter-decided = По этому встречному уведомлению решение уже принято; больше ничего не сделано.
notice-removal-upheld = Материал остаётся убранным; владелец и отправитель уведомления получат письма.
error-countered = На это уведомление уже ответили встречным уведомлением.
error-report-resolved = По этой жалобе уже принято решение.
error-not-public = Материал уже не опубликован: его убрал владелец или другой администратор.
mail-moderation-contact = Есть вопросы? Ответьте на это письмо или напишите на { $email }.
mail-removed-method-subject = Ваш метод «{ $title }» убран из общей библиотеки
mail-removed-method-body = Администраторы убрали ваш метод «{ $title }» из общей библиотеки. В вашей библиотеке он остался.
mail-removed-design-subject = Ваш дизайн «{ $title }» убран из общей библиотеки
mail-removed-design-body = Администраторы убрали ваш дизайн «{ $title }» из общей библиотеки. В вашей библиотеке он остался.
mail-removed-link-subject = Публичная ссылка на «{ $title }» отключена
mail-removed-link-body = Администраторы отключили публичную ссылку на вашу сессию «{ $title }»: по ней теперь открывается «не найдено». Сама сессия не изменилась.
mail-restored-method-subject = Ваш метод «{ $title }» снова в общей библиотеке
mail-restored-method-body = Администраторы вернули ваш метод «{ $title }» в общую библиотеку.
mail-restored-design-subject = Ваш дизайн «{ $title }» снова в общей библиотеке
mail-restored-design-body = Администраторы вернули ваш дизайн «{ $title }» в общую библиотеку.
mail-restored-link-subject = Публичная ссылка на «{ $title }» снова работает
mail-restored-link-body = Администраторы снова включили публичную ссылку на вашу сессию «{ $title }».
mail-report-actioned-subject = Ваша жалоба на «{ $title }»: материал убран
mail-report-actioned-body = Спасибо за жалобу на «{ $title }». Администраторы убрали этот материал из открытого доступа.
mail-report-dismissed-subject = Ваша жалоба на «{ $title }»: без изменений
mail-report-dismissed-body = Спасибо за жалобу на «{ $title }». Администраторы её прочитали и решили материал не убирать.
audit-action-remove-content = Материал убран
audit-action-restore-content = Материал возвращён
audit-action-dismiss-report = Жалоба отклонена
audit-action-uphold-removal = Материал оставлен убранным после встречного уведомления
audit-subject-link = публичная ссылка { $id }
audit-subject-report = жалоба { $id }
audit-detail-reports = { $count ->
    [one] закрыта { $count } жалоба
    [few] закрыто { $count } жалобы
    [many] закрыто { $count } жалоб
   *[other] закрыто { $count } жалобы
}
error-last-administrator = У сервиса должен оставаться хотя бы один администратор: сначала назначьте администратором кого-то ещё.
error-blocked-account = Заблокированный аккаунт нельзя сделать администратором. Сначала разблокируйте его.
audit-detail-invitations-withdrawn = отозвано приглашений: { $count }
error-links-removed = Администраторы отключили публичные ссылки этой сессии: новую ссылку на неё создать нельзя.
error-not-restorable = Это уже нельзя вернуть: 30 дней прошли, материал уже возвращён или автор снял его с публикации.

## Copyright notices and counter-notices (User Agreement 4.10)
copyright-title = Уведомление о нарушении авторских прав
copyright-footer = Авторские права
copyright-lead = Если материал на Plenary использует ваше произведение без разрешения, сообщите нам здесь. Мы можем убрать его и сообщим владельцу: он увидит ваше имя и то, что вы напишете о произведении, и вправе ответить встречным уведомлением. Все поля обязательны.
copyright-material = Адрес материала на Plenary
copyright-material-hint = Страница метода или дизайна в общей библиотеке или страница публичной ссылки на сессию, например { "https://…/library/methods/…" }
copyright-work = Произведение и сведения об авторских правах
copyright-work-hint = Что это за произведение, где оно опубликовано, кому принадлежат права и что на Plenary его копирует. Не больше 4000 символов.
copyright-sender = Кто направляет уведомление
copyright-name = Фамилия, имя и отчество
copyright-good-faith = Я добросовестно полагаю, что такое использование материала не разрешено правообладателем, его представителем или законом.
copyright-accurate = Сведения в уведомлении точны, и я правообладатель или вправе действовать от его имени.
copyright-submit = Отправить уведомление
copyright-sent = Спасибо. Администраторы рассмотрят уведомление и напишут вам на указанный адрес.
counter-title = Встречное уведомление
counter-notice-about = Уведомление о «{ $title }»
counter-notice-from = Отправитель
counter-notice-sent = Отправлено
counter-notice-removed = Что сделано
counter-lead = Если вы считаете, что материал убран по ошибке или из-за неверного опознания, объясните почему. Отправитель уведомления получит ваше имя, контакты и объяснение; затем администратор решит, вернуть ли материал. Все поля обязательны.
counter-statement = Почему материал убран ошибочно
counter-statement-hint = Например: права принадлежат вам, у вас есть лицензия или материал — не то произведение. Не больше 4000 символов.
counter-good-faith = Я добросовестно полагаю, что материал убран по ошибке или из-за неверного опознания.
counter-disclose = Моё имя, контакты и объяснение можно передать отправителю уведомления.
counter-submit = Отправить встречное уведомление
counter-waiting = Встречное уведомление отправлено { $date }. Администратор примет решение и напишет вам.
counter-restored = Возвращено { $date }: { $reason }
counter-upheld = Оставлено убранным { $date }: { $reason }
mail-counter-invite = Если вы считаете, что материал убран по ошибке или из-за неверного опознания, можно ответить встречным уведомлением: { $link }
mail-counter-filed-subject = Встречное уведомление о «{ $title }»
mail-counter-filed-body = Владелец «{ $title }», убранного по вашему уведомлению о нарушении авторских прав, ответил встречным уведомлением. Администратор решит, вернуть ли материал, и мы напишем вам.
mail-counter-filed-from = От: { $name }, { $email }, { $phone }
mail-counter-filed-statement = Объяснение: { $statement }
mail-counter-restored-subject = «{ $title }» возвращено после вашего встречного уведомления
mail-counter-restored-body = Администраторы вернули «{ $title }» после вашего встречного уведомления.
mail-counter-upheld-subject = «{ $title }» остаётся убранным
mail-counter-upheld-body = Администраторы прочитали ваше встречное уведомление о «{ $title }» и оставили материал убранным.
mail-notice-restored-subject = «{ $title }» возвращено после встречного уведомления
mail-notice-restored-body = Администраторы вернули «{ $title }», убранное по вашему уведомлению о нарушении авторских прав, после встречного уведомления владельца.
mail-notice-upheld-subject = «{ $title }» остаётся убранным
mail-notice-upheld-body = Администраторы прочитали встречное уведомление о «{ $title }» и оставили материал убранным по вашему уведомлению.
report-notice = Уведомление о нарушении авторских прав
report-notice-material = Материал
report-notice-sender = Отправитель
report-notice-stated = Заявления сделаны { $date }
counters-title = Встречные уведомления ждут решения
counters-lead = Владелец убранного материала ответил на уведомление о нарушении авторских прав. Верните материал или оставьте его убранным; обе стороны получат письмо с вашей причиной.
counter-from = От { $name }, { $email }, { $phone }, { $date }
counter-restore = Вернуть материал
counter-uphold = Оставить убранным
counter-reason-hint = Обязательно; остаётся в журнале действий, его прочитают владелец и отправитель уведомления.
field-phone = Телефон
