"""Reference data for the appeals portal: regions, akimats, ministries, categories, appeal types.

Plain literals only, in the shapes defined in `agencies.reference_types`. Names follow the
official designations after the 2022-2023 reorganisations (regions Abai, Jetisu and Ulytau;
the split of the Ministry of Education and Science; and so on). Abolished ministries are kept
with ``is_active=False`` so that older appeals still resolve to a body.
"""

# Every Russian and Kazakh string is Cyrillic by design; RUF001 would flag each of them.

from __future__ import annotations

from agencies.reference_types import (
    AppealTypeData,
    CategoryData,
    GovernmentData,
    LocalBodyData,
    MinistryData,
    Names,
    RegionData,
)

# --------------------------------------------------------------------------------------------
# Regions (ISO 3166-2:KZ)
# --------------------------------------------------------------------------------------------

REGIONS: tuple[RegionData, ...] = (
    RegionData(
        code="KZ-10",
        kind="oblast",
        name=Names(ru="область Абай", kk="Абай облысы", en="Abai Region"),
        akimat=Names(
            ru="Акимат области Абай",
            kk="Абай облысының әкімдігі",
            en="Akimat of Abai Region",
        ),
        akimat_abbreviation="Акимат обл. Абай",
        short=Names(ru="обл. Абай", kk="Абай обл.", en="Abai"),
    ),
    RegionData(
        code="KZ-11",
        kind="oblast",
        name=Names(ru="Акмолинская область", kk="Ақмола облысы", en="Akmola Region"),
        akimat=Names(
            ru="Акимат Акмолинской области",
            kk="Ақмола облысының әкімдігі",
            en="Akimat of Akmola Region",
        ),
        akimat_abbreviation="Акимат Акмолинской обл.",
        short=Names(ru="Акмолинская обл.", kk="Ақмола обл.", en="Akmola"),
    ),
    RegionData(
        code="KZ-15",
        kind="oblast",
        name=Names(ru="Актюбинская область", kk="Ақтөбе облысы", en="Aktobe Region"),
        akimat=Names(
            ru="Акимат Актюбинской области",
            kk="Ақтөбе облысының әкімдігі",
            en="Akimat of Aktobe Region",
        ),
        akimat_abbreviation="Акимат Актюбинской обл.",
        short=Names(ru="Актюбинская обл.", kk="Ақтөбе обл.", en="Aktobe"),
    ),
    RegionData(
        code="KZ-19",
        kind="oblast",
        name=Names(ru="Алматинская область", kk="Алматы облысы", en="Almaty Region"),
        akimat=Names(
            ru="Акимат Алматинской области",
            kk="Алматы облысының әкімдігі",
            en="Akimat of Almaty Region",
        ),
        akimat_abbreviation="Акимат Алматинской обл.",
        short=Names(ru="Алматинская обл.", kk="Алматы обл.", en="Almaty Region"),
    ),
    RegionData(
        code="KZ-23",
        kind="oblast",
        name=Names(ru="Атырауская область", kk="Атырау облысы", en="Atyrau Region"),
        akimat=Names(
            ru="Акимат Атырауской области",
            kk="Атырау облысының әкімдігі",
            en="Akimat of Atyrau Region",
        ),
        akimat_abbreviation="Акимат Атырауской обл.",
        short=Names(ru="Атырауская обл.", kk="Атырау обл.", en="Atyrau"),
    ),
    RegionData(
        code="KZ-27",
        kind="oblast",
        name=Names(
            ru="Западно-Казахстанская область",
            kk="Батыс Қазақстан облысы",
            en="West Kazakhstan Region",
        ),
        akimat=Names(
            ru="Акимат Западно-Казахстанской области",
            kk="Батыс Қазақстан облысының әкімдігі",
            en="Akimat of West Kazakhstan Region",
        ),
        akimat_abbreviation="Акимат Западно-Казахстанской обл.",
        short=Names(ru="ЗКО", kk="БҚО", en="West Kazakhstan"),
    ),
    RegionData(
        code="KZ-31",
        kind="oblast",
        name=Names(ru="Жамбылская область", kk="Жамбыл облысы", en="Jambyl Region"),
        akimat=Names(
            ru="Акимат Жамбылской области",
            kk="Жамбыл облысының әкімдігі",
            en="Akimat of Jambyl Region",
        ),
        akimat_abbreviation="Акимат Жамбылской обл.",
        short=Names(ru="Жамбылская обл.", kk="Жамбыл обл.", en="Jambyl"),
    ),
    RegionData(
        code="KZ-33",
        kind="oblast",
        name=Names(ru="область Жетісу", kk="Жетісу облысы", en="Jetisu Region"),
        akimat=Names(
            ru="Акимат области Жетісу",
            kk="Жетісу облысының әкімдігі",
            en="Akimat of Jetisu Region",
        ),
        akimat_abbreviation="Акимат обл. Жетісу",
        short=Names(ru="обл. Жетісу", kk="Жетісу обл.", en="Jetisu"),
    ),
    RegionData(
        code="KZ-35",
        kind="oblast",
        name=Names(ru="Карагандинская область", kk="Қарағанды облысы", en="Karaganda Region"),
        akimat=Names(
            ru="Акимат Карагандинской области",
            kk="Қарағанды облысының әкімдігі",
            en="Akimat of Karaganda Region",
        ),
        akimat_abbreviation="Акимат Карагандинской обл.",
        short=Names(ru="Карагандинская обл.", kk="Қарағанды обл.", en="Karaganda"),
    ),
    RegionData(
        code="KZ-39",
        kind="oblast",
        name=Names(ru="Костанайская область", kk="Қостанай облысы", en="Kostanay Region"),
        akimat=Names(
            ru="Акимат Костанайской области",
            kk="Қостанай облысының әкімдігі",
            en="Akimat of Kostanay Region",
        ),
        akimat_abbreviation="Акимат Костанайской обл.",
        short=Names(ru="Костанайская обл.", kk="Қостанай обл.", en="Kostanay"),
    ),
    RegionData(
        code="KZ-43",
        kind="oblast",
        name=Names(ru="Кызылординская область", kk="Қызылорда облысы", en="Kyzylorda Region"),
        akimat=Names(
            ru="Акимат Кызылординской области",
            kk="Қызылорда облысының әкімдігі",
            en="Akimat of Kyzylorda Region",
        ),
        akimat_abbreviation="Акимат Кызылординской обл.",
        short=Names(ru="Кызылординская обл.", kk="Қызылорда обл.", en="Kyzylorda"),
    ),
    RegionData(
        code="KZ-47",
        kind="oblast",
        name=Names(ru="Мангистауская область", kk="Маңғыстау облысы", en="Mangystau Region"),
        akimat=Names(
            ru="Акимат Мангистауской области",
            kk="Маңғыстау облысының әкімдігі",
            en="Akimat of Mangystau Region",
        ),
        akimat_abbreviation="Акимат Мангистауской обл.",
        short=Names(ru="Мангистауская обл.", kk="Маңғыстау обл.", en="Mangystau"),
    ),
    RegionData(
        code="KZ-55",
        kind="oblast",
        name=Names(ru="Павлодарская область", kk="Павлодар облысы", en="Pavlodar Region"),
        akimat=Names(
            ru="Акимат Павлодарской области",
            kk="Павлодар облысының әкімдігі",
            en="Akimat of Pavlodar Region",
        ),
        akimat_abbreviation="Акимат Павлодарской обл.",
        short=Names(ru="Павлодарская обл.", kk="Павлодар обл.", en="Pavlodar"),
    ),
    RegionData(
        code="KZ-59",
        kind="oblast",
        name=Names(
            ru="Северо-Казахстанская область",
            kk="Солтүстік Қазақстан облысы",
            en="North Kazakhstan Region",
        ),
        akimat=Names(
            ru="Акимат Северо-Казахстанской области",
            kk="Солтүстік Қазақстан облысының әкімдігі",
            en="Akimat of North Kazakhstan Region",
        ),
        akimat_abbreviation="Акимат Северо-Казахстанской обл.",
        short=Names(ru="СКО", kk="СҚО", en="North Kazakhstan"),
    ),
    RegionData(
        code="KZ-61",
        kind="oblast",
        name=Names(ru="Туркестанская область", kk="Түркістан облысы", en="Turkistan Region"),
        akimat=Names(
            ru="Акимат Туркестанской области",
            kk="Түркістан облысының әкімдігі",
            en="Akimat of Turkistan Region",
        ),
        akimat_abbreviation="Акимат Туркестанской обл.",
        short=Names(ru="Туркестанская обл.", kk="Түркістан обл.", en="Turkistan"),
    ),
    RegionData(
        code="KZ-62",
        kind="oblast",
        name=Names(ru="область Ұлытау", kk="Ұлытау облысы", en="Ulytau Region"),
        akimat=Names(
            ru="Акимат области Ұлытау",
            kk="Ұлытау облысының әкімдігі",
            en="Akimat of Ulytau Region",
        ),
        akimat_abbreviation="Акимат обл. Ұлытау",
        short=Names(ru="обл. Ұлытау", kk="Ұлытау обл.", en="Ulytau"),
    ),
    RegionData(
        code="KZ-63",
        kind="oblast",
        name=Names(
            ru="Восточно-Казахстанская область",
            kk="Шығыс Қазақстан облысы",
            en="East Kazakhstan Region",
        ),
        akimat=Names(
            ru="Акимат Восточно-Казахстанской области",
            kk="Шығыс Қазақстан облысының әкімдігі",
            en="Akimat of East Kazakhstan Region",
        ),
        akimat_abbreviation="Акимат Восточно-Казахстанской обл.",
        short=Names(ru="ВКО", kk="ШҚО", en="East Kazakhstan"),
    ),
    RegionData(
        code="KZ-71",
        kind="city",
        name=Names(ru="город Астана", kk="Астана қаласы", en="Astana"),
        akimat=Names(
            ru="Акимат города Астаны",
            kk="Астана қаласының әкімдігі",
            en="Akimat of Astana City",
        ),
        akimat_abbreviation="Акимат г. Астаны",
        short=Names(ru="г. Астана", kk="Астана қ.", en="Astana city"),
    ),
    RegionData(
        code="KZ-75",
        kind="city",
        name=Names(ru="город Алматы", kk="Алматы қаласы", en="Almaty"),
        akimat=Names(
            ru="Акимат города Алматы",
            kk="Алматы қаласының әкімдігі",
            en="Akimat of Almaty City",
        ),
        akimat_abbreviation="Акимат г. Алматы",
        short=Names(ru="г. Алматы", kk="Алматы қ.", en="Almaty city"),
    ),
    RegionData(
        code="KZ-79",
        kind="city",
        name=Names(ru="город Шымкент", kk="Шымкент қаласы", en="Shymkent"),
        akimat=Names(
            ru="Акимат города Шымкента",
            kk="Шымкент қаласының әкімдігі",
            en="Akimat of Shymkent City",
        ),
        akimat_abbreviation="Акимат г. Шымкента",
        short=Names(ru="г. Шымкент", kk="Шымкент қ.", en="Shymkent city"),
    ),
)

# --------------------------------------------------------------------------------------------
# District akimats of the cities of republican significance
# --------------------------------------------------------------------------------------------

LOCAL_BODIES: tuple[LocalBodyData, ...] = (
    # Astana (KZ-71): district names are nouns, not adjectives ("район Есиль").
    LocalBodyData(
        code="akimat-kz-71-almaty",
        region="KZ-71",
        name=Names(
            ru="Аппарат акима района Алматы города Астаны",
            kk="Астана қаласы Алматы ауданы әкімінің аппараты",
            en="Office of the Akim of Almaty District, Astana",
        ),
        abbreviation="Аппарат акима р-на Алматы",
    ),
    LocalBodyData(
        code="akimat-kz-71-baikonyr",
        region="KZ-71",
        name=Names(
            ru="Аппарат акима района Байконыр города Астаны",
            kk="Астана қаласы Байқоңыр ауданы әкімінің аппараты",
            en="Office of the Akim of Baikonyr District, Astana",
        ),
        abbreviation="Аппарат акима р-на Байконыр",
    ),
    LocalBodyData(
        code="akimat-kz-71-yesil",
        region="KZ-71",
        name=Names(
            ru="Аппарат акима района Есиль города Астаны",
            kk="Астана қаласы Есіл ауданы әкімінің аппараты",
            en="Office of the Akim of Yesil District, Astana",
        ),
        abbreviation="Аппарат акима р-на Есиль",
    ),
    LocalBodyData(
        code="akimat-kz-71-nura",
        region="KZ-71",
        name=Names(
            ru="Аппарат акима района Нура города Астаны",
            kk="Астана қаласы Нұра ауданы әкімінің аппараты",
            en="Office of the Akim of Nura District, Astana",
        ),
        abbreviation="Аппарат акима р-на Нура",
    ),
    LocalBodyData(
        code="akimat-kz-71-saryarka",
        region="KZ-71",
        name=Names(
            ru="Аппарат акима района Сарыарка города Астаны",
            kk="Астана қаласы Сарыарқа ауданы әкімінің аппараты",
            en="Office of the Akim of Saryarka District, Astana",
        ),
        abbreviation="Аппарат акима р-на Сарыарка",
    ),
    # Almaty (KZ-75)
    LocalBodyData(
        code="akimat-kz-75-alatau",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Алатауского района города Алматы",
            kk="Алматы қаласы Алатау ауданы әкімінің аппараты",
            en="Office of the Akim of Alatau District, Almaty",
        ),
        abbreviation="Аппарат акима Алатауского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-almaly",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Алмалинского района города Алматы",
            kk="Алматы қаласы Алмалы ауданы әкімінің аппараты",
            en="Office of the Akim of Almaly District, Almaty",
        ),
        abbreviation="Аппарат акима Алмалинского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-auezov",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Ауэзовского района города Алматы",
            kk="Алматы қаласы Әуезов ауданы әкімінің аппараты",
            en="Office of the Akim of Auezov District, Almaty",
        ),
        abbreviation="Аппарат акима Ауэзовского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-bostandyk",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Бостандыкского района города Алматы",
            kk="Алматы қаласы Бостандық ауданы әкімінің аппараты",
            en="Office of the Akim of Bostandyk District, Almaty",
        ),
        abbreviation="Аппарат акима Бостандыкского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-zhetysu",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Жетысуского района города Алматы",
            kk="Алматы қаласы Жетісу ауданы әкімінің аппараты",
            en="Office of the Akim of Zhetysu District, Almaty",
        ),
        abbreviation="Аппарат акима Жетысуского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-medeu",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Медеуского района города Алматы",
            kk="Алматы қаласы Медеу ауданы әкімінің аппараты",
            en="Office of the Akim of Medeu District, Almaty",
        ),
        abbreviation="Аппарат акима Медеуского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-nauryzbay",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Наурызбайского района города Алматы",
            kk="Алматы қаласы Наурызбай ауданы әкімінің аппараты",
            en="Office of the Akim of Nauryzbay District, Almaty",
        ),
        abbreviation="Аппарат акима Наурызбайского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-75-turksib",
        region="KZ-75",
        name=Names(
            ru="Аппарат акима Турксибского района города Алматы",
            kk="Алматы қаласы Түрксіб ауданы әкімінің аппараты",
            en="Office of the Akim of Turksib District, Almaty",
        ),
        abbreviation="Аппарат акима Турксибского р-на",
    ),
    # Shymkent (KZ-79)
    LocalBodyData(
        code="akimat-kz-79-abay",
        region="KZ-79",
        name=Names(
            ru="Аппарат акима Абайского района города Шымкента",
            kk="Шымкент қаласы Абай ауданы әкімінің аппараты",
            en="Office of the Akim of Abay District, Shymkent",
        ),
        abbreviation="Аппарат акима Абайского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-79-al-farabi",
        region="KZ-79",
        name=Names(
            ru="Аппарат акима Аль-Фарабийского района города Шымкента",
            kk="Шымкент қаласы Әл-Фараби ауданы әкімінің аппараты",
            en="Office of the Akim of Al-Farabi District, Shymkent",
        ),
        abbreviation="Аппарат акима Аль-Фарабийского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-79-enbekshi",
        region="KZ-79",
        name=Names(
            ru="Аппарат акима Енбекшинского района города Шымкента",
            kk="Шымкент қаласы Еңбекші ауданы әкімінің аппараты",
            en="Office of the Akim of Enbekshi District, Shymkent",
        ),
        abbreviation="Аппарат акима Енбекшинского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-79-karatau",
        region="KZ-79",
        name=Names(
            ru="Аппарат акима Каратауского района города Шымкента",
            kk="Шымкент қаласы Қаратау ауданы әкімінің аппараты",
            en="Office of the Akim of Karatau District, Shymkent",
        ),
        abbreviation="Аппарат акима Каратауского р-на",
    ),
    LocalBodyData(
        code="akimat-kz-79-turan",
        region="KZ-79",
        name=Names(
            ru="Аппарат акима Туранского района города Шымкента",
            kk="Шымкент қаласы Тұран ауданы әкімінің аппараты",
            en="Office of the Akim of Turan District, Shymkent",
        ),
        abbreviation="Аппарат акима Туранского р-на",
    ),
)

# --------------------------------------------------------------------------------------------
# The Government: the higher body of the ministries (central executive bodies, Constitution
# art. 64–66) and of the akimats of regions and republican cities (local executive bodies in
# the one system of executive bodies, Constitution art. 87); its Office takes the complaints.
# --------------------------------------------------------------------------------------------

GOVERNMENT = GovernmentData(
    code="government",
    abbreviation="Правительство РК",
    name=Names(
        ru="Правительство Республики Казахстан (Канцелярия Премьер-Министра)",
        kk="Қазақстан Республикасының Үкіметі (Премьер-Министр Кеңсесі)",
        en="Government of the Republic of Kazakhstan (Office of the Prime Minister)",
    ),
)

# --------------------------------------------------------------------------------------------
# Ministries: 21 current ones, then abolished ones kept for historical appeals
# --------------------------------------------------------------------------------------------

MINISTRIES: tuple[MinistryData, ...] = (
    MinistryData(
        code="mvd",
        abbreviation="МВД",
        short=Names(ru="МВД", kk="Ішкі істер", en="Internal Affairs"),
        name=Names(
            ru="Министерство внутренних дел Республики Казахстан",
            kk="Қазақстан Республикасының Ішкі істер министрлігі",
            en="Ministry of Internal Affairs of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mid",
        abbreviation="МИД",
        short=Names(ru="МИД", kk="Сыртқы істер", en="Foreign Affairs"),
        name=Names(
            ru="Министерство иностранных дел Республики Казахстан",
            kk="Қазақстан Республикасының Сыртқы істер министрлігі",
            en="Ministry of Foreign Affairs of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mo",
        abbreviation="МО",
        short=Names(ru="МО", kk="Қорғаныс", en="Defence"),
        name=Names(
            ru="Министерство обороны Республики Казахстан",
            kk="Қазақстан Республикасының Қорғаныс министрлігі",
            en="Ministry of Defence of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mf",
        abbreviation="МФ",
        short=Names(ru="МФ", kk="Қаржы", en="Finance"),
        name=Names(
            ru="Министерство финансов Республики Казахстан",
            kk="Қазақстан Республикасының Қаржы министрлігі",
            en="Ministry of Finance of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mne",
        abbreviation="МНЭ",
        short=Names(ru="МНЭ", kk="Ұлттық экономика", en="National Economy"),
        name=Names(
            ru="Министерство национальной экономики Республики Казахстан",
            kk="Қазақстан Республикасының Ұлттық экономика министрлігі",
            en="Ministry of National Economy of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mju",
        abbreviation="МЮ",
        short=Names(ru="МЮ", kk="Әділет", en="Justice"),
        name=Names(
            ru="Министерство юстиции Республики Казахстан",
            kk="Қазақстан Республикасының Әділет министрлігі",
            en="Ministry of Justice of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mz",
        abbreviation="МЗ",
        short=Names(ru="МЗ", kk="Денсаулық сақтау", en="Healthcare"),
        name=Names(
            ru="Министерство здравоохранения Республики Казахстан",
            kk="Қазақстан Республикасының Денсаулық сақтау министрлігі",
            en="Ministry of Healthcare of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mp",
        abbreviation="МП",
        short=Names(ru="МП", kk="Оқу-ағарту", en="Education"),
        name=Names(
            ru="Министерство просвещения Республики Казахстан",
            kk="Қазақстан Республикасының Оқу-ағарту министрлігі",
            en="Ministry of Education of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mnvo",
        abbreviation="МНВО",
        short=Names(ru="МНВО", kk="Ғылым", en="Science"),
        name=Names(
            ru="Министерство науки и высшего образования Республики Казахстан",
            kk="Қазақстан Республикасының Ғылым және жоғары білім министрлігі",
            en="Ministry of Science and Higher Education of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mtszn",
        abbreviation="МТСЗН",
        short=Names(ru="МТСЗН", kk="Еңбек", en="Labour"),
        name=Names(
            ru="Министерство труда и социальной защиты населения Республики Казахстан",
            kk="Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі",
            en=(
                "Ministry of Labour and Social Protection of the Population "
                "of the Republic of Kazakhstan"
            ),
        ),
    ),
    MinistryData(
        code="me",
        abbreviation="МЭ",
        short=Names(ru="МЭ", kk="Энергетика", en="Energy"),
        name=Names(
            ru="Министерство энергетики Республики Казахстан",
            kk="Қазақстан Республикасының Энергетика министрлігі",
            en="Ministry of Energy of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="msh",
        abbreviation="МСХ",
        short=Names(ru="МСХ", kk="Ауыл шаруашылығы", en="Agriculture"),
        name=Names(
            ru="Министерство сельского хозяйства Республики Казахстан",
            kk="Қазақстан Республикасының Ауыл шаруашылығы министрлігі",
            en="Ministry of Agriculture of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mepr",
        abbreviation="МЭПР",
        short=Names(ru="МЭПР", kk="Экология", en="Ecology"),
        name=Names(
            ru="Министерство экологии и природных ресурсов Республики Казахстан",
            kk="Қазақстан Республикасының Экология және табиғи ресурстар министрлігі",
            en="Ministry of Ecology and Natural Resources of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mvri",
        abbreviation="МВРИ",
        short=Names(ru="МВРИ", kk="Су ресурстары", en="Water Resources"),
        name=Names(
            ru="Министерство водных ресурсов и ирригации Республики Казахстан",
            kk="Қазақстан Республикасының Су ресурстары және ирригация министрлігі",
            en="Ministry of Water Resources and Irrigation of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mps",
        abbreviation="МПС",
        short=Names(ru="МПС", kk="Өнеркәсіп", en="Industry"),
        name=Names(
            ru="Министерство промышленности и строительства Республики Казахстан",
            kk="Қазақстан Республикасының Өнеркәсіп және құрылыс министрлігі",
            en="Ministry of Industry and Construction of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mt",
        abbreviation="МТ",
        short=Names(ru="МТ", kk="Көлік", en="Transport"),
        name=Names(
            ru="Министерство транспорта Республики Казахстан",
            kk="Қазақстан Республикасының Көлік министрлігі",
            en="Ministry of Transport of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mti",
        abbreviation="МТИ",
        short=Names(ru="МТИ", kk="Сауда", en="Trade"),
        name=Names(
            ru="Министерство торговли и интеграции Республики Казахстан",
            kk="Қазақстан Республикасының Сауда және интеграция министрлігі",
            en="Ministry of Trade and Integration of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mtsriap",
        abbreviation="МЦРИАП",
        short=Names(ru="МЦРИАП", kk="Цифрлық даму", en="Digital"),
        name=Names(
            ru=(
                "Министерство цифрового развития, инноваций и аэрокосмической промышленности "
                "Республики Казахстан"
            ),
            kk=(
                "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
                "министрлігі"
            ),
            en=(
                "Ministry of Digital Development, Innovations and Aerospace Industry "
                "of the Republic of Kazakhstan"
            ),
        ),
    ),
    MinistryData(
        code="mki",
        abbreviation="МКИ",
        short=Names(ru="МКИ", kk="Мәдениет", en="Culture"),
        name=Names(
            ru="Министерство культуры и информации Республики Казахстан",
            kk="Қазақстан Республикасының Мәдениет және ақпарат министрлігі",
            en="Ministry of Culture and Information of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mts",
        abbreviation="МТС",
        short=Names(ru="МТС", kk="Туризм", en="Tourism"),
        name=Names(
            ru="Министерство туризма и спорта Республики Казахстан",
            kk="Қазақстан Республикасының Туризм және спорт министрлігі",
            en="Ministry of Tourism and Sports of the Republic of Kazakhstan",
        ),
    ),
    MinistryData(
        code="mchs",
        abbreviation="МЧС",
        short=Names(ru="МЧС", kk="Төтенше жағдайлар", en="Emergencies"),
        name=Names(
            ru="Министерство по чрезвычайным ситуациям Республики Казахстан",
            kk="Қазақстан Республикасының Төтенше жағдайлар министрлігі",
            en="Ministry of Emergency Situations of the Republic of Kazakhstan",
        ),
    ),
    # Abolished ministries (kept for appeals registered before the reorganisations).
    MinistryData(
        code="miir",
        abbreviation="МИИР",
        short=Names(ru="МИИР", kk="Инфрақұрылым", en="Infrastructure"),
        name=Names(
            ru="Министерство индустрии и инфраструктурного развития Республики Казахстан",
            kk="Қазақстан Республикасының Индустрия және инфрақұрылымдық даму министрлігі",
            en="Ministry of Industry and Infrastructure Development of the Republic of Kazakhstan",
        ),
        is_active=False,
    ),
    MinistryData(
        code="megpr",
        abbreviation="МЭГПР",
        short=Names(ru="МЭГПР", kk="Экология, геология", en="Ecology, Geology"),
        name=Names(
            ru="Министерство экологии, геологии и природных ресурсов Республики Казахстан",
            kk="Қазақстан Республикасының Экология, геология және табиғи ресурстар министрлігі",
            en="Ministry of Ecology, Geology and Natural Resources of the Republic of Kazakhstan",
        ),
        is_active=False,
    ),
    MinistryData(
        code="mon",
        abbreviation="МОН",
        short=Names(ru="МОН", kk="Білім және ғылым", en="Education, Science"),
        name=Names(
            ru="Министерство образования и науки Республики Казахстан",
            kk="Қазақстан Республикасының Білім және ғылым министрлігі",
            en="Ministry of Education and Science of the Republic of Kazakhstan",
        ),
        is_active=False,
    ),
)

# --------------------------------------------------------------------------------------------
# Appeal categories: two levels; every child states its own jurisdiction
# --------------------------------------------------------------------------------------------

CATEGORIES: tuple[CategoryData, ...] = (
    CategoryData(
        code="housing",
        name=Names(
            ru="Жилищно-коммунальное хозяйство",
            kk="Тұрғын үй-коммуналдық шаруашылық",
            en="Housing and utilities",
        ),
        jurisdiction="local",
        children=(
            CategoryData(
                code="housing-heating",
                name=Names(ru="Теплоснабжение и отопление", kk="Жылумен жабдықтау", en="Heating"),
                jurisdiction="local",
            ),
            CategoryData(
                code="housing-water",
                name=Names(
                    ru="Водоснабжение и водоотведение",
                    kk="Сумен жабдықтау және су бұру",
                    en="Water supply and sewerage",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="housing-power-gas",
                name=Names(
                    ru="Электро- и газоснабжение",
                    kk="Электрмен және газбен жабдықтау",
                    en="Electricity and gas supply",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="housing-repairs",
                name=Names(
                    ru="Ремонт многоквартирных домов",
                    kk="Көппәтерлі тұрғын үйлерді жөндеу",
                    en="Repairs of apartment buildings",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="housing-queue",
                name=Names(
                    ru="Очередь на получение жилья",
                    kk="Тұрғын үй алу кезегі",
                    en="Housing waiting list",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="public-spaces",
        name=Names(ru="Благоустройство", kk="Абаттандыру", en="Improvement of public spaces"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="public-spaces-lighting",
                name=Names(ru="Уличное освещение", kk="Көше жарығы", en="Street lighting"),
                jurisdiction="local",
            ),
            CategoryData(
                code="public-spaces-parks",
                name=Names(
                    ru="Парки, скверы и озеленение",
                    kk="Саябақтар, гүлзарлар және көгалдандыру",
                    en="Parks, squares and greenery",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="public-spaces-yards",
                name=Names(
                    ru="Дворы и детские площадки",
                    kk="Аулалар және балалар алаңдары",
                    en="Courtyards and playgrounds",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="public-spaces-waste",
                name=Names(
                    ru="Вывоз мусора и санитарная очистка",
                    kk="Қоқыс шығару және санитариялық тазалау",
                    en="Waste collection and street cleaning",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="public-spaces-stray-animals",
                name=Names(ru="Безнадзорные животные", kk="Қараусыз жануарлар", en="Stray animals"),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="roads-transport",
        name=Names(ru="Дороги и транспорт", kk="Жолдар және көлік", en="Roads and transport"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="roads-transport-local-roads",
                name=Names(
                    ru="Ремонт и содержание местных дорог",
                    kk="Жергілікті жолдарды жөндеу және күтіп ұстау",
                    en="Repair and maintenance of local roads",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="roads-transport-public-transport",
                name=Names(ru="Общественный транспорт", kk="Қоғамдық көлік", en="Public transport"),
                jurisdiction="local",
            ),
            CategoryData(
                code="roads-transport-traffic",
                name=Names(
                    ru="Организация дорожного движения",
                    kk="Жол қозғалысын ұйымдастыру",
                    en="Traffic management",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="roads-transport-national-highways",
                name=Names(
                    ru="Автомобильные дороги республиканского значения",
                    kk="Республикалық маңызы бар автомобиль жолдары",
                    en="National highways",
                ),
                jurisdiction="central",
                ministry="mt",
            ),
            CategoryData(
                code="roads-transport-rail-air",
                name=Names(
                    ru="Железнодорожный и воздушный транспорт",
                    kk="Темір жол және әуе көлігі",
                    en="Rail and air transport",
                ),
                jurisdiction="central",
                ministry="mt",
            ),
        ),
    ),
    CategoryData(
        code="construction",
        name=Names(ru="Строительство", kk="Құрылыс", en="Construction"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="construction-permits",
                name=Names(
                    ru="Разрешения на строительство",
                    kk="Құрылысқа рұқсаттар",
                    en="Building permits",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="construction-unauthorised",
                name=Names(
                    ru="Самовольное строительство",
                    kk="Заңсыз құрылыс",
                    en="Unauthorised construction",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="construction-shared-equity",
                name=Names(
                    ru="Долевое жилищное строительство",
                    kk="Үлестік тұрғын үй құрылысы",
                    en="Shared-equity housing construction",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="construction-quality",
                name=Names(
                    ru="Качество строительства и приёмка объектов",
                    kk="Құрылыс сапасы және объектілерді қабылдау",
                    en="Construction quality and acceptance of buildings",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="land",
        name=Names(ru="Земельные отношения", kk="Жер қатынастары", en="Land relations"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="land-allocation",
                name=Names(
                    ru="Предоставление земельных участков",
                    kk="Жер учаскелерін беру",
                    en="Allocation of land plots",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="land-individual-housing",
                name=Names(
                    ru="Участки под индивидуальное жилищное строительство",
                    kk="Жеке тұрғын үй құрылысына арналған учаскелер",
                    en="Plots for individual housing construction",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="land-boundaries",
                name=Names(
                    ru="Границы участков и земельные споры",
                    kk="Учаскелердің шекаралары және жер даулары",
                    en="Plot boundaries and land disputes",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="land-unused-agricultural",
                name=Names(
                    ru="Неиспользуемые сельскохозяйственные земли",
                    kk="Пайдаланылмай жатқан ауыл шаруашылығы жерлері",
                    en="Unused agricultural land",
                ),
                jurisdiction="central",
                ministry="msh",
            ),
        ),
    ),
    CategoryData(
        code="agriculture",
        name=Names(ru="Сельское хозяйство", kk="Ауыл шаруашылығы", en="Agriculture"),
        jurisdiction="central",
        ministry="msh",
        children=(
            CategoryData(
                code="agriculture-subsidies",
                name=Names(
                    ru="Субсидирование сельского хозяйства",
                    kk="Ауыл шаруашылығын субсидиялау",
                    en="Agricultural subsidies",
                ),
                jurisdiction="central",
                ministry="msh",
            ),
            CategoryData(
                code="agriculture-veterinary",
                name=Names(
                    ru="Ветеринария и болезни животных",
                    kk="Ветеринария және жануарлардың аурулары",
                    en="Veterinary services and animal diseases",
                ),
                jurisdiction="central",
                ministry="msh",
            ),
            CategoryData(
                code="agriculture-fuel-seeds",
                name=Names(
                    ru="Топливо и семена для посевной",
                    kk="Егіс науқанына арналған жанармай мен тұқым",
                    en="Fuel and seeds for the sowing season",
                ),
                jurisdiction="central",
                ministry="msh",
            ),
            CategoryData(
                code="agriculture-pastures",
                name=Names(
                    ru="Пастбища и сенокосы",
                    kk="Жайылымдар мен шабындықтар",
                    en="Pastures and hayfields",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="ecology",
        name=Names(
            ru="Экология и охрана окружающей среды",
            kk="Экология және қоршаған ортаны қорғау",
            en="Ecology and environmental protection",
        ),
        jurisdiction="central",
        ministry="mepr",
        children=(
            CategoryData(
                code="ecology-air",
                name=Names(ru="Загрязнение воздуха", kk="Ауаның ластануы", en="Air pollution"),
                jurisdiction="central",
                ministry="mepr",
            ),
            CategoryData(
                code="ecology-water",
                name=Names(
                    ru="Загрязнение водоёмов",
                    kk="Су айдындарының ластануы",
                    en="Pollution of water bodies",
                ),
                jurisdiction="central",
                ministry="mepr",
            ),
            CategoryData(
                code="ecology-forests",
                name=Names(
                    ru="Леса и особо охраняемые природные территории",
                    kk="Ормандар және ерекше қорғалатын табиғи аумақтар",
                    en="Forests and protected natural areas",
                ),
                jurisdiction="central",
                ministry="mepr",
            ),
            CategoryData(
                code="ecology-wildlife",
                name=Names(
                    ru="Охота, рыболовство и животный мир",
                    kk="Аң аулау, балық аулау және жануарлар дүниесі",
                    en="Hunting, fishing and wildlife",
                ),
                jurisdiction="central",
                ministry="mepr",
            ),
            CategoryData(
                code="ecology-illegal-dumps",
                name=Names(
                    ru="Стихийные свалки",
                    kk="Рұқсат етілмеген қоқыс үйінділері",
                    en="Illegal dumps",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="employment",
        name=Names(
            ru="Занятость и оплата труда",
            kk="Жұмыспен қамту және еңбекақы",
            en="Employment and wages",
        ),
        jurisdiction="central",
        ministry="mtszn",
        children=(
            CategoryData(
                code="employment-wage-arrears",
                name=Names(
                    ru="Задолженность по заработной плате",
                    kk="Жалақы бойынша берешек",
                    en="Wage arrears",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="employment-labour-rights",
                name=Names(
                    ru="Нарушение трудовых прав",
                    kk="Еңбек құқықтарының бұзылуы",
                    en="Violations of labour rights",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="employment-safety",
                name=Names(
                    ru="Безопасность и охрана труда",
                    kk="Еңбек қауіпсіздігі және еңбекті қорғау",
                    en="Occupational safety and health",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="employment-job-centres",
                name=Names(
                    ru="Трудоустройство и центры занятости",
                    kk="Жұмысқа орналасу және жұмыспен қамту орталықтары",
                    en="Job placement and employment centres",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="social-protection",
        name=Names(ru="Социальная защита", kk="Әлеуметтік қорғау", en="Social protection"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="social-protection-disability",
                name=Names(
                    ru="Поддержка лиц с инвалидностью",
                    kk="Мүгедектігі бар адамдарды қолдау",
                    en="Support for persons with disabilities",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="social-protection-targeted-aid",
                name=Names(
                    ru="Адресная социальная помощь",
                    kk="Атаулы әлеуметтік көмек",
                    en="Targeted social assistance",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="social-protection-large-families",
                name=Names(
                    ru="Поддержка многодетных семей",
                    kk="Көпбалалы отбасыларды қолдау",
                    en="Support for large families",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="social-protection-special-services",
                name=Names(
                    ru="Специальные социальные услуги",
                    kk="Арнаулы әлеуметтік қызметтер",
                    en="Special social services",
                ),
                jurisdiction="local",
            ),
        ),
    ),
    CategoryData(
        code="pensions-benefits",
        name=Names(
            ru="Пенсии и пособия",
            kk="Зейнетақылар мен жәрдемақылар",
            en="Pensions and benefits",
        ),
        jurisdiction="central",
        ministry="mtszn",
        children=(
            CategoryData(
                code="pensions-benefits-pensions",
                name=Names(
                    ru="Назначение и выплата пенсий",
                    kk="Зейнетақы тағайындау және төлеу",
                    en="Award and payment of pensions",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="pensions-benefits-child",
                name=Names(
                    ru="Пособия на детей",
                    kk="Балаларға арналған жәрдемақылар",
                    en="Child benefits",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="pensions-benefits-disability-survivor",
                name=Names(
                    ru="Пособия по инвалидности и по случаю потери кормильца",
                    kk="Мүгедектік бойынша және асыраушысынан айырылу жағдайы бойынша жәрдемақылар",
                    en="Disability and survivor benefits",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
            CategoryData(
                code="pensions-benefits-social-insurance",
                name=Names(
                    ru="Выплаты из Государственного фонда социального страхования",
                    kk="Мемлекеттік әлеуметтік сақтандыру қорынан төленетін төлемдер",
                    en="State Social Insurance Fund payments",
                ),
                jurisdiction="central",
                ministry="mtszn",
            ),
        ),
    ),
    CategoryData(
        code="healthcare",
        name=Names(ru="Здравоохранение", kk="Денсаулық сақтау", en="Healthcare"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="healthcare-clinics",
                name=Names(
                    ru="Работа поликлиник и больниц",
                    kk="Емханалар мен ауруханалардың жұмысы",
                    en="Clinics and hospitals",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="healthcare-appointments",
                name=Names(
                    ru="Запись к врачу и прикрепление к поликлинике",
                    kk="Дәрігерге жазылу және емханаға тіркелу",
                    en="Doctor appointments and registration with a clinic",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="healthcare-ambulance",
                name=Names(
                    ru="Скорая медицинская помощь",
                    kk="Жедел медициналық жәрдем",
                    en="Ambulance service",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="healthcare-drug-supply",
                name=Names(
                    ru="Лекарственное обеспечение",
                    kk="Дәрі-дәрмекпен қамтамасыз ету",
                    en="Drug supply",
                ),
                jurisdiction="central",
                ministry="mz",
            ),
            CategoryData(
                code="healthcare-insurance",
                name=Names(
                    ru="Обязательное социальное медицинское страхование",
                    kk="Міндетті әлеуметтік медициналық сақтандыру",
                    en="Compulsory social health insurance",
                ),
                jurisdiction="central",
                ministry="mz",
            ),
        ),
    ),
    CategoryData(
        code="education",
        name=Names(ru="Образование", kk="Білім беру", en="Education"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="education-kindergartens",
                name=Names(ru="Детские сады", kk="Балабақшалар", en="Kindergartens"),
                jurisdiction="local",
            ),
            CategoryData(
                code="education-schools",
                name=Names(ru="Школы", kk="Мектептер", en="Schools"),
                jurisdiction="local",
            ),
            CategoryData(
                code="education-colleges",
                name=Names(
                    ru="Колледжи (техническое и профессиональное образование)",
                    kk="Колледждер (техникалық және кәсіптік білім)",
                    en="Colleges (technical and vocational education)",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="education-curricula",
                name=Names(
                    ru="Учебные программы и учебники",
                    kk="Оқу бағдарламалары мен оқулықтар",
                    en="Curricula and textbooks",
                ),
                jurisdiction="central",
                ministry="mp",
            ),
            CategoryData(
                code="education-higher",
                name=Names(ru="Высшее образование", kk="Жоғары білім", en="Higher education"),
                jurisdiction="central",
                ministry="mnvo",
            ),
        ),
    ),
    CategoryData(
        code="prices",
        name=Names(
            ru="Цены и защита прав потребителей",
            kk="Бағалар және тұтынушылардың құқықтарын қорғау",
            en="Prices and consumer protection",
        ),
        jurisdiction="central",
        ministry="mti",
        children=(
            CategoryData(
                code="prices-food",
                name=Names(
                    ru="Цены на продукты питания",
                    kk="Азық-түлік бағалары",
                    en="Food prices",
                ),
                jurisdiction="central",
                ministry="mti",
            ),
            CategoryData(
                code="prices-fuel",
                name=Names(
                    ru="Цены на горюче-смазочные материалы",
                    kk="Жанар-жағармай бағалары",
                    en="Fuel prices",
                ),
                jurisdiction="central",
                ministry="me",
            ),
            CategoryData(
                code="prices-utility-tariffs",
                name=Names(
                    ru="Тарифы на коммунальные услуги",
                    kk="Коммуналдық қызметтердің тарифтері",
                    en="Utility tariffs",
                ),
                jurisdiction="central",
                ministry="mne",
            ),
            CategoryData(
                code="prices-consumer-rights",
                name=Names(
                    ru="Защита прав потребителей",
                    kk="Тұтынушылардың құқықтарын қорғау",
                    en="Consumer rights protection",
                ),
                jurisdiction="central",
                ministry="mti",
            ),
        ),
    ),
    CategoryData(
        code="public-safety",
        name=Names(
            ru="Общественная безопасность и полиция",
            kk="Қоғамдық қауіпсіздік және полиция",
            en="Public safety and police",
        ),
        jurisdiction="central",
        ministry="mvd",
        children=(
            CategoryData(
                code="public-safety-police",
                name=Names(ru="Работа полиции", kk="Полицияның жұмысы", en="Police conduct"),
                jurisdiction="central",
                ministry="mvd",
            ),
            CategoryData(
                code="public-safety-road-safety",
                name=Names(
                    ru="Безопасность дорожного движения",
                    kk="Жол жүрісі қауіпсіздігі",
                    en="Road safety",
                ),
                jurisdiction="central",
                ministry="mvd",
            ),
            CategoryData(
                code="public-safety-fraud",
                name=Names(ru="Мошенничество", kk="Алаяқтық", en="Fraud"),
                jurisdiction="central",
                ministry="mvd",
            ),
            CategoryData(
                code="public-safety-migration",
                name=Names(
                    ru="Миграция и документирование",
                    kk="Көші-қон және құжаттандыру",
                    en="Migration and identity documents",
                ),
                jurisdiction="central",
                ministry="mvd",
            ),
            CategoryData(
                code="public-safety-fire",
                name=Names(ru="Пожарная безопасность", kk="Өрт қауіпсіздігі", en="Fire safety"),
                jurisdiction="central",
                ministry="mchs",
            ),
        ),
    ),
    CategoryData(
        code="public-services",
        name=Names(
            ru="Государственные услуги",
            kk="Мемлекеттік көрсетілетін қызметтер",
            en="Public services",
        ),
        jurisdiction="central",
        ministry="mtsriap",
        children=(
            CategoryData(
                code="public-services-egov",
                name=Names(
                    ru="Портал электронного правительства",
                    kk="Электрондық үкімет порталы",
                    en="E-government portal",
                ),
                jurisdiction="central",
                ministry="mtsriap",
            ),
            CategoryData(
                code="public-services-service-centres",
                name=Names(
                    ru="Центры обслуживания населения",
                    kk="Халыққа қызмет көрсету орталықтары",
                    en="Public service centres",
                ),
                jurisdiction="central",
                ministry="mtsriap",
            ),
            CategoryData(
                code="public-services-digital-signature",
                name=Names(
                    ru="Электронная цифровая подпись и цифровые документы",
                    kk="Электрондық цифрлық қолтаңба және цифрлық құжаттар",
                    en="Electronic digital signature and digital documents",
                ),
                jurisdiction="central",
                ministry="mtsriap",
            ),
            CategoryData(
                code="public-services-telecom",
                name=Names(
                    ru="Мобильная связь и интернет",
                    kk="Ұялы байланыс және интернет",
                    en="Mobile network and internet",
                ),
                jurisdiction="central",
                ministry="mtsriap",
            ),
        ),
    ),
    CategoryData(
        code="corruption",
        name=Names(ru="Коррупция", kk="Сыбайлас жемқорлық", en="Corruption"),
        # The Anti-Corruption Agency is not a ministry; the Ministry of Justice stands in.
        jurisdiction="central",
        ministry="mju",
        children=(
            CategoryData(
                code="corruption-officials",
                name=Names(
                    ru="Коррупционные действия должностных лиц",
                    kk="Лауазымды адамдардың сыбайлас жемқорлық әрекеттері",
                    en="Corrupt acts by officials",
                ),
                jurisdiction="central",
                ministry="mju",
            ),
            CategoryData(
                code="corruption-conflict-of-interest",
                name=Names(
                    ru="Конфликт интересов", kk="Мүдделер қақтығысы", en="Conflict of interest"
                ),
                jurisdiction="central",
                ministry="mju",
            ),
            CategoryData(
                code="corruption-procurement",
                name=Names(
                    ru="Нарушения в государственных закупках",
                    kk="Мемлекеттік сатып алудағы бұзушылықтар",
                    en="Violations in public procurement",
                ),
                jurisdiction="central",
                ministry="mf",
            ),
        ),
    ),
    CategoryData(
        code="other",
        name=Names(ru="Другое", kk="Басқа", en="Other"),
        jurisdiction="local",
        children=(
            CategoryData(
                code="other-local-government",
                name=Names(
                    ru="Работа местных исполнительных органов",
                    kk="Жергілікті атқарушы органдардың жұмысы",
                    en="Work of local executive bodies",
                ),
                jurisdiction="local",
            ),
            CategoryData(
                code="other-culture-sport",
                name=Names(ru="Культура и спорт", kk="Мәдениет және спорт", en="Culture and sport"),
                jurisdiction="local",
            ),
            CategoryData(
                code="other-religion",
                name=Names(ru="Вопросы религии", kk="Дін мәселелері", en="Religious affairs"),
                jurisdiction="local",
            ),
            CategoryData(
                code="other-misc",
                name=Names(ru="Прочие вопросы", kk="Өзге мәселелер", en="Miscellaneous"),
                jurisdiction="local",
            ),
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Appeal types (Law "On the procedure for considering appeals"; deadlines in working days)
# --------------------------------------------------------------------------------------------

APPEAL_TYPES: tuple[AppealTypeData, ...] = (
    AppealTypeData(
        code="application",
        prefix="ЗТ",
        name=Names(ru="Заявление", kk="Арыз", en="Application"),
        deadline_working_days=15,
    ),
    AppealTypeData(
        code="request",
        prefix="ЗП",
        name=Names(ru="Запрос", kk="Сұрау салу", en="Request"),
        deadline_working_days=15,
    ),
    AppealTypeData(
        code="proposal",
        prefix="ПТ",
        name=Names(ru="Предложение", kk="Ұсыныс", en="Proposal"),
        deadline_working_days=15,
    ),
    AppealTypeData(
        code="response",
        prefix="ОТ",
        name=Names(ru="Отклик", kk="Пікір", en="Response"),
        deadline_working_days=15,
    ),
    AppealTypeData(
        code="message",
        prefix="СБ",
        name=Names(ru="Сообщение", kk="Хабарлама", en="Message"),
        deadline_working_days=15,
    ),
    AppealTypeData(
        code="complaint",
        prefix="ЖТ",
        name=Names(ru="Жалоба", kk="Шағым", en="Complaint"),
        deadline_working_days=20,
    ),
)
