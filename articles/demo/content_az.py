"""Azerbaijani demo content: the sections' names, versions of three English
stories (``translation_of`` is the English story's slug) and stories of their own.

Plain Python data, as content.py, and just as fictional: every person, quote and
figure is invented. Slugs are made from the headlines (articles/slugs.py).
"""

SECTIONS = {
    "politics": {
        "name": "Siyasət",
        "description": (
            "Yerli idarəetmə, dövlət siyasəti və ölkə boyu gündəlik həyata təsir edən qərarlar."
        ),
    },
    "economy": {
        "name": "İqtisadiyyat",
        "description": (
            "Biznes, iş yerləri, infrastruktur və ailə büdcəsi: Bakıdan ən kiçik rayon "
            "mərkəzinədək."
        ),
    },
    "regions": {
        "name": "Regionlar",
        "description": "Rayonlardan xəbərlər: kənd təsərrüfatı, su, hava və ətraf mühit.",
    },
    "culture": {
        "name": "Mədəniyyət",
        "description": "Azərbaycanda musiqi, festivallar, xalq sənətkarlığı və incəsənət.",
    },
    "sport": {
        "name": "İdman",
        "description": (
            "Futbol, şahmat və regionlarda idman: nəticələr, reportajlar və müsahibələr."
        ),
    },
}

ARTICLES = [  # hours_ago sets publication time relative to now, as in content.py
    {
        "translation_of": "yasamal-valley-metro-station-opens",
        "headline": "“Yasamal vadisi” metro stansiyası sərnişinlərin istifadəsinə verildi",
        "standfirst": (
            "Son illərdə paytaxtda açılan ilk stansiyanın gələn ay avtobus marşrutları yenidən "
            "qurulduqdan sonra gündə təxminən 35 min sərnişinə xidmət edəcəyi gözlənilir."
        ),
        "section": "economy",
        "authors": ["leyla-rzayeva", "elvin-gasimli"],
        "tags": ["Bakı", "Nəqliyyat", "İnfrastruktur"],
        "hours_ago": 4,
        "featured": True,
        "priority": 2,
        "image_alt": (
            "Yeni “Yasamal vadisi” metro stansiyası haqqında xəbər üçün tünd bənövşəyi və gümüşü "
            "əyrilərdən ibarət abstrakt illüstrasiya"
        ),
        "image_caption": "“Yasamal vadisi” stansiyasının giriş zalı ilk səhər (illüstrasiya)",
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Bakının ən yeni metro stansiyası olan “Yasamal vadisi” çərşənbə axşamı
səhər saat 6-da sərnişinlərin üzünə açıldı. Bununla da bənövşəyi xətt paytaxtın qərb kənarında
sürətlə böyüyən yaşayış massivinə doğru 1,9 kilometr uzandı.</p>
<p>İlk qatarlar cədvəl üzrə hərəkət etdi. Girişdə növbə çəkən əməkdaşların sözlərinə görə,
günortaya yaxın turniketlərdən artıq bir neçə min nəfər keçmişdi. Onların çoxu indiyədək ən
yaxın stansiyaya marşrut avtobusları ilə gedən, pik saatlarda yolda qırx dəqiqəyədək vaxt itirən
sakinlər idi.</p>
<p>“Birinci günün sakit keçəcəyini düşünürdük, amma insanlar stansiyaya baxmaq və işə neçə
dəqiqəyə çatacaqlarını yoxlamaq üçün səhər tezdən gəldilər. İlk səhər şəhər mərkəzinə yol
iyirmi dəqiqədən az çəkdi,” – deyə metropolitenin istismar üzrə direktor müavini Fərid
Mustafayev bildirib.</p>
<h2>Avtobus marşrutları dəyişəcək</h2>
<p>Ətrafdakı avtobus şəbəkəsi yenidən qurulduqdan sonra stansiyadan gündə təxminən 35 min
sərnişinin istifadə edəcəyi gözlənilir. Hazırda yeni xəttə paralel işləyən üç marşrut
qısaldılaraq sərnişinləri stansiyaya daşıyacaq, iki yeni dairəvi marşrut isə stansiyanı təpənin
yuxarısındakı yaşayış binaları ilə birləşdirəcək.</p>
<ul><li>18 və 52 nömrəli marşrutlar gələn ayın əvvəlindən stansiyanın qarşısındakı meydançada
tamamlanacaq.</li><li>74 nömrəli marşrut qısalacaq, lakin hərəkət intervalı
dəyişməyəcək.</li><li>201 və 202 nömrəli yeni dairəvi marşrutlar pik saatlarda hər səkkiz
dəqiqədən bir işləyəcək.</li></ul>
<p>Dəyişikliklərin təfsilatı
<a href="https://transport.example.org/yasamal-valley">şəhər nəqliyyat agentliyinin
saytında</a> dərc olunub. Orada yeni avtobus terminalı tikilənədək istifadə ediləcək müvəqqəti
dayanacaqlar da göstərilib.</p>
<blockquote><p>“İllərlə burada yeganə seçim avtobus idi. İndi evdən on beş dəqiqə gec çıxıb
yenə də vaxtında işdə ola bilirəm.”</p></blockquote>
<p>Bu sözləri yeni girişdən iki küçə aralıda yaşayan əczaçı Günel Rəhimova deyib. Digər
sakinlər isə daha ehtiyatlı danışırdılar. Onların bir neçəsi stansiyanın qarşısındakı əsas yolda
piyada keçidinə svetofor lazım olduğunu, şimal girişindəki liftlərin isə hələ işləmədiyini
qeyd etdi.</p>
<p>Fərid Mustafayevin sözlərinə görə, liftlər son təhlükəsizlik yoxlamalarından sonra bu ayın
sonunda istifadəyə veriləcək, metropoliten isə keçidə yenidən baxılması üçün yol polisinə
müraciət edib. Xəttin növbəti stansiyasının tikintisinə yazda başlanılması planlaşdırılır.</p>""",
    },
    {
        "translation_of": "ganja-water-mains-replacement",
        "headline": "Gəncədə üç mərkəzi rayonda su xətlərinin dəyişdirilməsinə başlanılıb",
        "standfirst": (
            "Şəhər su təchizatı idarəsinin məlumatına görə, köhnə borular dəyişdirilərkən işlərin "
            "aparıldığı küçələrdə altı həftəyədək gecələr su verilməyəcək."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Gəncə", "Su", "İnfrastruktur"],
        "hours_ago": 8,
        "updated_hours_after": 4,
        "featured": True,
        "priority": 1,
        "image_alt": (
            "Gəncədə su xətləri üzrə işlər haqqında xəbər üçün qum rəngli fonda bir-birinə "
            "keçən firuzəyi və boz borulardan ibarət abstrakt illüstrasiya"
        ),
        "image_caption": (
            "Gəncədə mərkəzi bazarın yaxınlığında yeni su boruları üçün xəndək qazılır "
            "(illüstrasiya)"
        ),
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Gəncənin üç mərkəzi rayonunda köhnəlmiş su xətlərinin dəyişdirilməsinə
bazar ertəsi başlanılıb. Şəhər su təchizatı idarəsinin bildirdiyinə görə, layihə sakinlərin bir
neçə ildir yay aylarında şikayət etdiyi su təzyiqinin düşməsi probleminə son qoymalıdır.</p>
<p>Briqadalar Kəpəz və Nizami rayonlarının, eləcə də mərkəzi bazar ətrafındakı məhəllənin
küçələri altında təxminən 14 kilometr yeni polietilen boru çəkəcək. Sökülən boruların bəziləri
hələ 1960-cı illərdə döşənib.</p>
<p>“Təmizlədiyimiz suyun xeyli hissəsi krana çatmır, çünki köhnə çuqun borular axıdır. Bu
hissə başa çatandan sonra həmin rayonlarda itkilərin təxminən üçdə bir azalacağını
gözləyirik,” – deyə Gəncə şəhər su təchizatı idarəsinin rəisi İlqar Zeynalov
bildirib.</p>
<h2>Hansı küçələr əhatə olunur</h2>
<p>Narahatlığı azaltmaq üçün idarə suyu yalnız saat 23:00-dan 06:00-dək və yalnız həmin
həftə işlərin getdiyi küçələrdə kəsəcək. Sakinlərə ən azı iki gün əvvəl bina girişlərindən
asılan elanlarla xəbər veriləcək.</p>
<ul><li><strong>Birinci və ikinci həftələr:</strong> mərkəzi bazarın şimalındakı
küçələr.</li><li><strong>Üçüncü və dördüncü həftələr:</strong> çay sahilindəki yaşayış
binaları.</li><li><strong>Beşinci və altıncı həftələr:</strong> Nizami rayonunun qalan
küçələri.</li></ul>
<p>Gecə kəsintiləri zamanı işlərin aparıldığı ərazilərdə üç nöqtədə su daşıyan maşınlar
dayanacaq, idarə isə suyu özü daşıya bilməyən yaşlı sakinlər üçün telefon xətti açıb. Tam
cədvəl <a href="https://water.example.org/ganja-works">idarənin saytında</a>
yerləşdirilib.</p>
<p>Bazar yaxınlığındakı dükan sahibləri işlərin gecə aparılmasından razı qaldıqlarını
deyirlər. “Gündüz küçə qazılanda müştəri itiririk, ona görə bu, ağlabatan plandır,” – deyə
işlərin ilk başlayacağı küçələrdən birində çörək sexi işlədən Vüqar İsmayılov bildirib.</p>
<p><strong>Yenilənib:</strong> Xəbər dərc olunduqdan sonra idarə materiallar vaxtından əvvəl
gəldiyi üçün çay sahilindəki binalarda işlərin planlaşdırılandan bir həftə tez başlayacağını
açıqlayıb. Oradakı sakinlər yeni elanları cümə axşamınadək alacaqlar.</p>""",
    },
    {
        "translation_of": "baku-jazz-festival-programme",
        "headline": "Bakı caz festivalı proqramını açıqladı: bulvarda pulsuz konsertlər olacaq",
        "standfirst": (
            "Festival bu il on gün davam edəcək: şəhərin üç məkanında biletli konsertlərlə yanaşı "
            "dənizkənarı bulvarda hər axşam açıq havada konsertlər keçiriləcək."
        ),
        "section": "culture",
        "authors": ["samir-abbasov"],
        "tags": ["Bakı", "Musiqi", "Festivallar"],
        "hours_ago": 18,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Bakı caz festivalının proqramı haqqında xəbər üçün kəhrəba və gecə mavisi rəngli səs "
            "dalğalarından ibarət abstrakt illüstrasiya"
        ),
        "image_caption": "Caz festivalı ərəfəsində bulvarda səhnə qurulur (illüstrasiya)",
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Bakı caz festivalının təşkilatçıları builki proqramı dərc ediblər. Festival
on gün davam edəcək və ilk dəfə olaraq hər axşam dənizkənarı bulvarda açıq havada pulsuz
konsertlər təqdim edəcək.</p>
<p>Festivalda təxminən 30 kollektiv çıxış edəcək, onların yarıya yaxını Azərbaycandandır.
Biletli konsertlər şəhər mərkəzindəki üç məkanda keçiriləcək, bulvar səhnəsində isə gənc
ansambllar və paytaxtın musiqi məktəblərinin tələbə qrupları çıxış edəcək.</p>
<p>“Bakıda caz həmişə kiçik klublarda yaşayıb, amma biz istədik ki, heç vaxt konsert bileti
almamış insanlar da onu eşitsinlər. Axşamlar bütün şəhər dəniz kənarında gəzir, deməli, musiqi
də orada səslənməlidir,” – deyə festivalın bədii rəhbəri Elnarə Mirzəyeva bildirib.</p>
<h2>Muğam cazla görüşür</h2>
<p>Proqramın bir hissəsi cazı muğamla birləşdirmək kimi köklü yerli ənənəyə həsr olunub.
Festivalı pianoçu Rəna Quliyeva öz triosu ilə açacaq: trio fortepiano, kontrabas və tar üçün
yazılmış yeni aranjimanlar ifa edəcək.</p>
<blockquote><p>“Muğam sənə caza çox yaxın olan bir improvizə yolu verir. Səs düzümləri
fərqlidir, amma azadlıq eynidir və buranın dinləyiciləri bunu dərhal hiss edir.”</p></blockquote>
<p>Rəna Quliyevanın sözlərinə görə, trio yayın böyük hissəsini yeni proqram üzərində məşq
edərək keçirib. Festivalın digər diqqətçəkən qonaqları arasında bir neçə il xaricdə dərs
dedikdən sonra Bakıya qayıdan saksofonçu Orxan Talıbov və keçmiş hərbi musiqiçilərin yaratdığı
on iki nəfərlik “Abşeron” nəfəs kollektivi var.</p>
<p>Festival çərçivəsində gənc musiqiçilər üçün qonaq ifaçıların aparacağı pulsuz gündüz
ustad dərsləri də təşkil olunacaq. Yerlərin sayı məhduddur, qeydiyyat gələn həftə
<a href="https://jazz.example.org/workshops">festivalın saytında</a> başlayacaq.</p>
<p>Təşkilatçılar bildiriblər ki, güclü külək və ya yağış olarsa, bulvar konsertləri qapalı
məkana köçürüləcək və bu barədə məlumat həmin gün festivalın səhifələrində
yerləşdiriləcək.</p>""",
    },
    {
        "headline": "Şuşada gənc ifaçılar üçün ilk yay muğam məktəbi açıldı",
        "standfirst": (
            "Ölkənin on dörd rayonundan gələn 40 şagird üç həftə ərzində ustad xanəndə və "
            "sazəndələrdən dərs alacaq; məktəb açıq səhnədə yekun konserti ilə başa çatacaq."
        ),
        "section": "culture",
        "authors": ["samir-abbasov"],
        "tags": ["Şuşa", "Muğam", "Musiqi", "Təhsil"],
        "hours_ago": 6,
        "featured": True,
        "priority": 3,
        "image_alt": (
            "Şuşada muğam məktəbi haqqında xəbər üçün tünd qırmızı və qızılı dalğalardan ibarət "
            "abstrakt illüstrasiya"
        ),
        "image_caption": "Şuşada yay muğam məktəbinin ilk məşqi (illüstrasiya)",
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Şuşada bazar günü gənc xanəndələr və instrumental ifaçılar üçün ilk yay
muğam məktəbi fəaliyyətə başlayıb. Üç həftəlik proqrama ölkənin on dörd rayonundan seçilmiş
12–17 yaşlı 40 şagird qatılıb.</p>
<p>Dərslər şəhərin bərpa olunmuş tarixi binalarından birində, köhnə məhəllənin daş
küçələrinə baxan otaqlarda keçirilir. Şagirdlər səhər saatlarında muğam dəstgahlarını öyrənir,
günortadan sonra isə tar, kamança və qaval ifaçıları ilə birgə məşq edirlər.</p>
<p>“Şuşa həmişə muğamın beşiyi sayılıb. Uşaqların bu sənəti məhz burada, bu küçələrdə
öyrənməsi onlar üçün ayrıca bir məktəbdir,” – deyə məktəbin bədii rəhbəri, xanəndə Rauf
Səlimov bildirib.</p>
<h2>Seçim üç mərhələdə keçib</h2>
<p>Təşkilatçıların sözlərinə görə, məktəbə 300-dən çox müraciət daxil olub. Namizədlər
əvvəlcə ifalarının videoyazısını göndəriblər, daha sonra Bakı, Gəncə və Şəkidə keçirilən
dinləmələrdə münsiflər heyəti qarşısında çıxış ediblər.</p>
<p>Şagirdlərin yaşayışı və yeməyi tam təmin olunur. Hər qrupla gün ərzində bir müəllim və bir
tərbiyəçi çalışır, axşamlar isə uşaqlar üçün şəhərin tarixi və memarlığı ilə tanışlıq
gəzintiləri təşkil edilir.</p>
<blockquote><p>“Evdə muğamı ancaq yazılardan dinləyirdim. Burada isə ustadın yanında oturub
hər xalın, hər zəngulənin necə vurulduğunu görürəm.”</p></blockquote>
<p>Bu sözləri Lənkərandan gələn 15 yaşlı Aysu Həsənova deyib. O, məktəbə tar ifaçısı kimi
qəbul olunub, lakin müəllimlərinin məsləhəti ilə vokal dərslərinə də qatılır.</p>
<p>Məktəb ayın sonunda şəhərin açıq səhnəsində yekun konserti ilə başa çatacaq. Konsertə
giriş pulsuzdur, proqram isə <a href="https://mugham.example.org/shusha-summer">məktəbin
saytında</a> dərc olunacaq. Təşkilatçılar gələn il yerlərin sayını 60-a çatdırmağı
planlaşdırırlar.</p>""",
    },
    {
        "headline": "Lənkəranda çay yığımı başa çatır: məhsul ötən ilkindən çoxdur",
        "standfirst": (
            "Rayon kənd təsərrüfatı idarəsinin ilkin hesablamalarına görə, bu mövsüm 1200 tondan "
            "çox yaşıl çay yarpağı toplanıb; emal fabriki növbələrin sayını artırıb."
        ),
        "section": "economy",
        "authors": ["elvin-gasimli", "nigar-hajiyeva"],
        "tags": ["Lənkəran", "Çay", "Kənd təsərrüfatı"],
        "hours_ago": 27,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Lənkəranda çay yığımı haqqında xəbər üçün açıq yaşıl və zeytun rəngli zolaqlardan "
            "ibarət abstrakt illüstrasiya"
        ),
        "image_caption": "Lənkəran rayonunda çay plantasiyasında yığım (illüstrasiya)",
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Lənkəran rayonunda çay yığımı mövsümü başa çatmaq üzrədir və fermerlər
məhsulun son illərin ən yaxşısı olduğunu deyirlər. Rayon kənd təsərrüfatı idarəsinin ilkin
hesablamalarına görə, bu il 1200 tondan çox yaşıl çay yarpağı toplanıb ki, bu da ötən ilki
göstəricidən təxminən 15 faiz çoxdur.</p>
<p>Mütəxəssislər yüksək məhsulu yazın rütubətli keçməsi və son iki ildə salınmış yeni
plantasiyaların bar verməyə başlaması ilə izah edirlər. Rayonda hazırda 900 hektardan artıq
sahədə çay becərilir.</p>
<p>“Yaz yağışları vaxtında yağdı, iyulda isə həddindən artıq isti olmadı. Kolların üstündə
yarpaq o qədər çox idi ki, yığımçıları iki həftə artıq saxlamalı olduq,” – deyə rayonun
dağətəyi kəndlərindən birində 12 hektarlıq plantasiyası olan fermer Səbinə Ağayeva
bildirib.</p>
<h2>Fabrik növbələri artırıb</h2>
<p>Yarpağın böyük hissəsi rayon mərkəzindəki çay emalı fabrikinə təhvil verilir. Fabrikin
rəhbərliyi mövsümün ən gərgin həftələrində iki növbədən üç növbəyə keçdiklərini və əlavə
olaraq 60 mövsümi işçi götürdüklərini açıqlayıb.</p>
<blockquote><p>“Təzə yarpaq gözləmir: onu yığıldığı gün emal etməsək, keyfiyyət aşağı düşür.
Ona görə də bu il avadanlıq gecələr də işləyirdi.”</p></blockquote>
<p>Bu sözləri fabrikin texnoloqu Ramin Əliyev deyib. Fermerlər isə bəzi çətinlikləri də
qeyd edirlər: onların sözlərinə görə, yığım üçün işçi tapmaq getdikcə çətinləşir, çünki
gənclərin çoxu Bakıda və ya xaricdə çalışır. Bəzi təsərrüfatlar gündəlik əmək haqqını
artırıb, digərləri isə yarpaq yığan kiçik maşınları sınaqdan keçirir.</p>
<p>Rayon kənd təsərrüfatı idarəsi gələn il fermerlər üçün suvarma və gübrələmə üzrə təlimlər
təşkil edəcəyini bildirib. Mövsümün yekun göstəriciləri noyabrın sonunda
<a href="https://agro.example.org/lankaran-tea">idarənin saytında</a> açıqlanacaq.</p>""",
    },
    {
        "headline": "Şəkidə gənc güləşçilər üçün yeni idman zalı açıldı",
        "standfirst": (
            "Köhnə fabrik binasında qurulan zalda üç güləş xalçası var; ilk rəsmi yarış, "
            "rayonlararası gənclər turniri, gələn ay burada keçiriləcək."
        ),
        "section": "sport",
        "authors": ["kamran-nuriyev"],
        "tags": ["Şəki", "Güləş", "Uşaq idmanı"],
        "hours_ago": 15,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Şəkidə yeni güləş zalı haqqında xəbər üçün qırmızı və narıncı çevrələrdən ibarət "
            "abstrakt illüstrasiya"
        ),
        "image_caption": "Şəkidəki yeni zalda gənc güləşçilərin məşqi (illüstrasiya)",
        "image_credit": "Newsroom qrafikası",
        "body": """<p>Şəkidə gənc güləşçilər üçün yeni idman zalı açılıb. Şəhərin şimal hissəsində,
köhnə toxuculuq fabrikinin yenidən qurulmuş binasında yerləşən zalda eyni vaxtda üç xalçada
məşq keçirmək mümkündür.</p>
<p>Zalda hazırda 8–17 yaşlı 120 uşaq sərbəst və yunan-Roma güləşi ilə məşğul olur. Onların
təxminən üçdə biri ətraf kəndlərdən gəlir; bələdiyyə bu uşaqlar üçün həftədə üç dəfə xüsusi
avtobus ayırıb.</p>
<p>“Əvvəllər məktəbin kiçik idman zalında növbə ilə məşq edirdik, uşaqlar döşəkləri özləri
daşıyırdı. İndi hər qrupun öz vaxtı, öz xalçası var,” – deyə zalın baş məşqçisi, keçmiş
yığma komanda üzvü Elşən Qasımov bildirib.</p>
<h2>İlk yarış gələn ay</h2>
<p>Zalda ilk rəsmi yarış olan rayonlararası gənclər turniri gələn ay keçiriləcək.
Təşkilatçılar Şəki, Qəbələ, Oğuz və Zaqatala komandalarından 150-yə yaxın iştirakçı
gözləyirlər.</p>
<blockquote><p>“Qardaşım da burada başlayıb. Mən də istəyirəm ki, bir gün onun kimi respublika
çempionatında çıxış edim.”</p></blockquote>
<p>Bu sözləri 12 yaşlı Tural Məmmədli deyib. O, məşqlərə iki il əvvəl başlayıb və ötən mövsüm
rayon birinciliyində ikinci yeri tutub.</p>
<p>Məşqçilərin sözlərinə görə, gələn ildən zalda qızlar üçün də ayrıca qrup yaradılacaq.
Qeydiyyat <a href="https://sport.example.org/sheki-wrestling">idman məktəbinin saytında</a>
aparılır.</p>""",
    },
]
