#include "tools/generator.h"

#include <algorithm>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "model/codes.h"
#include "model/gemeenten.h"

namespace isi {
namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64 for seeding and keyed hashing, xoshiro256** for the per-person stream.

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t Mix(uint64_t x) { return SplitMix64(&x); }

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& word : s_) word = SplitMix64(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform enough in [0, n) for n > 0 (modulo bias below 2^-40 for the n used here).
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi], lo <= hi.
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Percent(int p) { return static_cast<int>(Below(100)) < p; }
  bool PerMille(int p) { return static_cast<int>(Below(1000)) < p; }
  // An index into `weights`, chosen with probability proportional to the weight.
  size_t Weighted(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = static_cast<int>(Below(static_cast<uint64_t>(total)));
    size_t i = 0;
    for (int w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }
  // Uniform date in [lo, hi]; lo when hi < lo.
  Date DateIn(const Date& lo, const Date& hi) {
    const int64_t a = lo.ToDays();
    const int64_t b = hi.ToDays();
    if (b <= a) return lo;
    return Date::FromDays(a + static_cast<int64_t>(Below(static_cast<uint64_t>(b - a) + 1)));
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// A bijection of [0, half * half): a balanced Feistel network, one round per key.
uint64_t Feistel(uint64_t x, uint64_t half, const std::array<uint64_t, 4>& keys) {
  uint64_t left = x / half;
  uint64_t right = x % half;
  for (uint64_t key : keys) {
    const uint64_t next = (left + Mix(right ^ key) % half) % half;
    left = right;
    right = next;
  }
  return left * half + right;
}

// ---------------------------------------------------------------------------------------------
// Fixed tables.

const Date kWi2007Start{2007, 1, 1};
const Date kFirstEvent{2008, 1, 1};    // ISI events (handhaving, signals) start in 2008
const Date kLastPlicht{2012, 12, 31};  // Wi2007: obliged before 2013
const Date kOldestBirth{1950, 1, 1};

Date Max(const Date& a, const Date& b) { return a < b ? b : a; }
Date Min(const Date& a, const Date& b) { return a < b ? a : b; }

using Names = std::span<const char* const>;

struct Surname {
  const char* voorvoegsel;
  const char* naam;
};

struct Culture {
  Names male;
  Names female;
  std::span<const Surname> surnames;
  const char* optional_voorvoegsel;  // e.g. "el", applied to some surnames without one
  int voorvoegsel_percent;
  bool feminine_surnames;  // Slavic: Ivanov -> Ivanova for women
};

// Turkish
constexpr const char* kTrMale[] = {"Mehmet", "Mustafa", "Ahmet",  "Ali",   "Hüseyin",
                                   "Hasan",  "İbrahim", "Murat",  "Emre",  "Yusuf",
                                   "Osman",  "Kemal",   "Serkan", "Erdal", "Halil"};
constexpr const char* kTrFemale[] = {"Fatma", "Ayşe",   "Emine",  "Hatice", "Zeynep",
                                     "Elif",  "Meryem", "Sultan", "Özlem",  "Hülya",
                                     "Esra",  "Gül",    "Songül", "Derya"};
constexpr Surname kTrSurnames[] = {
    {"", "Yılmaz"}, {"", "Kaya"},  {"", "Demir"},   {"", "Şahin"}, {"", "Çelik"},   {"", "Yıldız"},
    {"", "Öztürk"}, {"", "Aydın"}, {"", "Arslan"},  {"", "Doğan"}, {"", "Kılıç"},   {"", "Aslan"},
    {"", "Koç"},    {"", "Kurt"},  {"", "Özdemir"}, {"", "Polat"}, {"", "Erdoğan"}, {"", "Karaca"}};
// Moroccan
constexpr const char* kMaMale[] = {"Mohamed", "Ahmed",    "Abdelkader", "Mustapha", "Rachid",
                                   "Youssef", "Hassan",   "Khalid",     "Said",     "Mimoun",
                                   "Driss",   "Abdellah", "Karim",      "Hamid"};
constexpr const char* kMaFemale[] = {"Fatima", "Khadija", "Naima",  "Malika", "Rachida",
                                     "Samira", "Aicha",   "Latifa", "Nadia",  "Zohra",
                                     "Hafsa",  "Souad",   "Touria"};
constexpr Surname kMaSurnames[] = {
    {"", "Amrani"},   {"", "Bouzid"},    {"", "Ouali"},   {"", "Haddouchi"}, {"", "Azzouzi"},
    {"", "Tahiri"},   {"", "Boukhari"},  {"", "Benali"},  {"", "Ziani"},     {"", "Idrissi"},
    {"", "Bakkali"},  {"", "Hamdaoui"},  {"", "Chaoui"},  {"", "Khattabi"},  {"", "Ouahabi"},
    {"", "Boutaleb"}, {"", "Ait Taleb"}, {"", "Mourabit"}};
// Levantine / Iraqi / Egyptian Arabic
constexpr const char* kArMale[] = {"Mohammed", "Ahmad",   "Omar",   "Khaled", "Ali",
                                   "Hussein",  "Mahmoud", "Yasser", "Karim",  "Samir",
                                   "Bassam",   "Tarek",   "Firas",  "Mazen"};
constexpr const char* kArFemale[] = {"Fatima", "Mariam", "Noor", "Rania", "Huda", "Amal",  "Layla",
                                     "Zainab", "Samar",  "Reem", "Hanan", "Dina", "Rasha", "Lina"};
constexpr Surname kArSurnames[] = {
    {"", "Hamdan"},  {"", "Saleh"},  {"", "Khalil"},  {"", "Mansour"},
    {"", "Haddad"},  {"", "Najjar"}, {"", "Aziz"},    {"", "Jaber"},
    {"", "Abbas"},   {"", "Qasim"},  {"", "Hussain"}, {"", "Kareem"},
    {"", "Darwish"}, {"", "Nasser"}, {"", "Shami"},   {"", "Jabouri"}};
// Eritrean (Tigrinya)
constexpr const char* kTiMale[] = {"Yonas",  "Tesfay",   "Berhane", "Dawit",  "Filmon", "Samuel",
                                   "Habtom", "Mebrahtu", "Tekle",   "Kidane", "Henok",  "Yohannes"};
constexpr const char* kTiFemale[] = {"Helen",    "Senait", "Selam",    "Ruta",  "Saba", "Lidya",
                                     "Freweyni", "Eden",   "Yordanos", "Almaz", "Winta"};
constexpr Surname kTiSurnames[] = {{"", "Tesfamariam"}, {"", "Habte"},  {"", "Gebremedhin"},
                                   {"", "Kahsay"},      {"", "Berhe"},  {"", "Woldu"},
                                   {"", "Tesfay"},      {"", "Haile"},  {"", "Ghebreyesus"},
                                   {"", "Andemariam"},  {"", "Tsegay"}, {"", "Mehari"}};
// Somali
constexpr const char* kSoMale[] = {"Abdi",   "Abdirahman", "Mohamed",   "Ahmed",
                                   "Hassan", "Omar",       "Abdullahi", "Yusuf",
                                   "Farah",  "Ali",        "Liban",     "Mahad"};
constexpr const char* kSoFemale[] = {"Hodan", "Amina",  "Fadumo", "Sahra", "Ifrah", "Hawa",
                                     "Asha",  "Khadra", "Ayaan",  "Nimco", "Deeqa", "Sagal"};
constexpr Surname kSoSurnames[] = {{"", "Abdi"},    {"", "Ali"},      {"", "Hassan"}, {"", "Farah"},
                                   {"", "Warsame"}, {"", "Mohamud"},  {"", "Osman"},  {"", "Jama"},
                                   {"", "Nur"},     {"", "Egal"},     {"", "Dirie"},  {"", "Ahmed"},
                                   {"", "Hirsi"},   {"", "Abdullahi"}};
// Afghan / Iranian (Persian)
constexpr const char* kFaMale[] = {"Ahmad", "Mohammad", "Reza",  "Ali",   "Hamid",
                                   "Farid", "Mehdi",    "Omid",  "Javad", "Mahmoud",
                                   "Nasir", "Karim",    "Ramin", "Wahid"};
constexpr const char* kFaFemale[] = {"Maryam", "Zahra",  "Fatemeh", "Parisa", "Roya",
                                     "Shirin", "Soraya", "Nasrin",  "Leila",  "Farida",
                                     "Mina",   "Homa",   "Nazanin", "Fariba"};
constexpr Surname kFaSurnames[] = {
    {"", "Ahmadi"},  {"", "Hosseini"}, {"", "Rahimi"}, {"", "Karimi"},  {"", "Mohammadi"},
    {"", "Hashemi"}, {"", "Rezaei"},   {"", "Jafari"}, {"", "Sultani"}, {"", "Noori"},
    {"", "Azizi"},   {"", "Safi"},     {"", "Popal"},  {"", "Amiri"},   {"", "Sadat"}};
// Chinese
constexpr const char* kZhMale[] = {"Wei", "Jian", "Hao", "Ming", "Lei", "Qiang",
                                   "Jun", "Yong", "Tao", "Feng", "Bo",  "Chao"};
constexpr const char* kZhFemale[] = {"Li",  "Fang", "Xiu Ying", "Mei", "Jing", "Yan",
                                     "Hui", "Ling", "Na",       "Xia", "Yu",   "Qing"};
constexpr Surname kZhSurnames[] = {{"", "Wang"}, {"", "Li"},   {"", "Zhang"}, {"", "Liu"},
                                   {"", "Chen"}, {"", "Yang"}, {"", "Huang"}, {"", "Zhao"},
                                   {"", "Wu"},   {"", "Zhou"}, {"", "Lin"},   {"", "Xu"}};
// Dutch (Surinamese Creole and others with Dutch names)
constexpr const char* kNlMale[] = {"Johan",  "Ricardo", "Marcel",  "Roy",   "Glenn",
                                   "Edgar",  "Henk",    "Rudi",    "Erwin", "Steven",
                                   "Ronald", "Kenneth", "Orlando", "Frank"};
constexpr const char* kNlFemale[] = {"Sandra", "Jennifer", "Ingrid", "Sharon", "Natasha",
                                     "Angela", "Esther",   "Rita",   "Gerda",  "Monique",
                                     "Marion", "Wilma",    "Denise"};
constexpr Surname kNlSurnames[] = {
    {"van", "Dijk"},     {"de", "Vries"},    {"van der", "Linden"}, {"van den", "Berg"},
    {"de", "Jong"},      {"ter", "Horst"},   {"van", "Leeuwen"},    {"van 't", "Hof"},
    {"van der", "Veen"}, {"de", "Graaf"},    {"ten", "Brink"},      {"van den", "Bosch"},
    {"", "Pinas"},       {"", "Vreden"},     {"", "Wijngaarde"},    {"", "Sabajo"},
    {"", "Lieveld"},     {"", "Kromosoeto"}, {"", "Biharie"},       {"", "Zeefuik"},
    {"", "Held"},        {"", "Ceder"}};
// Surinamese Hindustani
constexpr const char* kHiMale[] = {"Rakesh", "Anil",   "Ravi",    "Sunil",   "Dinesh",
                                   "Kiran",  "Soerin", "Radjesh", "Prakash", "Vikash"};
constexpr const char* kHiFemale[] = {"Sunita", "Anita",   "Kavita", "Radha", "Shanti",
                                     "Priya",  "Soenita", "Rita",   "Asha",  "Nirmala"};
constexpr Surname kHiSurnames[] = {
    {"", "Ramdin"},  {"", "Jagessar"}, {"", "Sitaldin"}, {"", "Mahabier"},  {"", "Ramautar"},
    {"", "Bhoelai"}, {"", "Soekhoe"},  {"", "Ramsaran"}, {"", "Gobardhan"}, {"", "Kalloe"}};
// Polish
constexpr const char* kPlMale[] = {"Piotr",   "Krzysztof", "Tomasz", "Marcin",   "Paweł",
                                   "Andrzej", "Michał",    "Łukasz", "Grzegorz", "Jakub"};
constexpr const char* kPlFemale[] = {"Anna",       "Katarzyna", "Agnieszka", "Magdalena", "Joanna",
                                     "Małgorzata", "Ewa",       "Monika",    "Justyna",   "Dorota"};
constexpr Surname kPlSurnames[] = {
    {"", "Nowak"},    {"", "Wójcik"},    {"", "Kowalczyk"}, {"", "Woźniak"}, {"", "Mazur"},
    {"", "Krawczyk"}, {"", "Kaczmarek"}, {"", "Zając"},     {"", "Król"},    {"", "Wieczorek"}};
// Russian
constexpr const char* kRuMale[] = {"Sergei", "Dmitri",  "Alexei",   "Andrei",
                                   "Ivan",   "Nikolai", "Vladimir", "Mikhail"};
constexpr const char* kRuFemale[] = {"Olga",  "Natalia", "Irina",     "Svetlana",
                                     "Elena", "Tatiana", "Ekaterina", "Yulia"};
constexpr Surname kRuSurnames[] = {
    {"", "Ivanov"},  {"", "Smirnov"}, {"", "Kuznetsov"}, {"", "Popov"},  {"", "Sokolov"},
    {"", "Lebedev"}, {"", "Novikov"}, {"", "Morozov"},   {"", "Volkov"}, {"", "Fedorov"}};
// Thai
constexpr const char* kThMale[] = {"Somchai", "Somsak", "Prasert", "Anan", "Wichai"};
constexpr const char* kThFemale[] = {"Siriporn", "Nittaya", "Kanya",  "Pranee",  "Malee",
                                     "Suda",     "Wanida",  "Ratana", "Pornthip"};
constexpr Surname kThSurnames[] = {{"", "Saetang"},   {"", "Srisuk"},    {"", "Chaiyaporn"},
                                   {"", "Wongsawat"}, {"", "Boonmee"},   {"", "Kaewkham"},
                                   {"", "Thongchai"}, {"", "Sukprasert"}};
// Filipino
constexpr const char* kPhMale[] = {"Jose", "Ramon", "Mark", "Rodel", "Jun", "Arnel"};
constexpr const char* kPhFemale[] = {"Maria",    "Rosalie", "Jocelyn", "Marilou",
                                     "Cristina", "Maricel", "Lorna",   "Analyn"};
constexpr Surname kPhSurnames[] = {{"", "Santos"},     {"", "Reyes"},  {"", "Cruz"},
                                   {"", "Bautista"},   {"", "Garcia"}, {"", "Mendoza"},
                                   {"", "Villanueva"}, {"", "Ramos"},  {"dela", "Cruz"}};
// Ghanaian
constexpr const char* kGhMale[] = {"Kwame",    "Kofi",   "Kwabena", "Yaw",
                                   "Emmanuel", "Samuel", "Kwaku",   "Isaac"};
constexpr const char* kGhFemale[] = {"Akosua", "Ama",     "Abena", "Afua",
                                     "Grace",  "Comfort", "Adwoa", "Esi"};
constexpr Surname kGhSurnames[] = {{"", "Mensah"},  {"", "Owusu"},  {"", "Boateng"},
                                   {"", "Asante"},  {"", "Appiah"}, {"", "Osei"},
                                   {"", "Agyeman"}, {"", "Darko"},  {"", "Ofori"}};
// Indonesian
constexpr const char* kIdMale[] = {"Budi", "Agus", "Hendra", "Rudi", "Bambang", "Eko"};
constexpr const char* kIdFemale[] = {"Siti", "Dewi", "Sri", "Ratna", "Wulan", "Indah"};
constexpr Surname kIdSurnames[] = {{"", "Susanto"}, {"", "Wijaya"}, {"", "Hartono"},
                                   {"", "Gunawan"}, {"", "Kusuma"}, {"", "Setiawan"},
                                   {"", "Pratama"}};
// Brazilian
constexpr const char* kBrMale[] = {"João", "Carlos", "Lucas", "Rafael", "Thiago", "Bruno"};
constexpr const char* kBrFemale[] = {"Ana", "Juliana", "Fernanda", "Mariana", "Camila", "Patrícia"};
constexpr Surname kBrSurnames[] = {{"da", "Silva"}, {"dos", "Santos"}, {"", "Oliveira"},
                                   {"", "Souza"},   {"", "Pereira"},   {"", "Costa"},
                                   {"de", "Souza"}};

enum CultureId {
  kTurkish,
  kMoroccan,
  kArabic,
  kTigrinya,
  kSomali,
  kPersian,
  kChinese,
  kDutch,
  kHindustani,
  kPolish,
  kRussian,
  kThai,
  kFilipino,
  kGhanaian,
  kIndonesian,
  kBrazilian,
};

const Culture kCultures[] = {
    {kTrMale, kTrFemale, kTrSurnames, nullptr, 0, false},
    {kMaMale, kMaFemale, kMaSurnames, "el", 25, false},
    {kArMale, kArFemale, kArSurnames, "al", 15, false},
    {kTiMale, kTiFemale, kTiSurnames, nullptr, 0, false},
    {kSoMale, kSoFemale, kSoSurnames, nullptr, 0, false},
    {kFaMale, kFaFemale, kFaSurnames, nullptr, 0, false},
    {kZhMale, kZhFemale, kZhSurnames, nullptr, 0, false},
    {kNlMale, kNlFemale, kNlSurnames, nullptr, 0, false},
    {kHiMale, kHiFemale, kHiSurnames, nullptr, 0, false},
    {kPlMale, kPlFemale, kPlSurnames, nullptr, 0, false},
    {kRuMale, kRuFemale, kRuSurnames, nullptr, 0, true},
    {kThMale, kThFemale, kThSurnames, nullptr, 0, false},
    {kPhMale, kPhFemale, kPhSurnames, nullptr, 0, false},
    {kGhMale, kGhFemale, kGhSurnames, nullptr, 0, false},
    {kIdMale, kIdFemale, kIdSurnames, nullptr, 0, false},
    {kBrMale, kBrFemale, kBrSurnames, nullptr, 0, false},
};

struct Land {
  const char* naam;
  const char* nationaliteit;
  Names plaatsen;
  CultureId culture;
  CultureId other_culture;  // used for half of the persons (Suriname); == culture otherwise
  int weight;
  int asiel_percent;
  bool eu;  // EU citizens are never obliged under Wi2007
};

constexpr const char* kTrPlaatsen[] = {"Istanbul", "Ankara", "Konya",          "Kayseri",
                                       "Sivas",    "Yozgat", "Afyonkarahisar", "Trabzon"};
constexpr const char* kMaPlaatsen[] = {"Nador", "Al Hoceima", "Tanger",  "Casablanca",
                                       "Oujda", "Berkane",    "Tetouan", "Rabat"};
constexpr const char* kSyPlaatsen[] = {"Damascus", "Aleppo",  "Homs",
                                       "Hama",     "Latakia", "Deir ez-Zor"};
constexpr const char* kIqPlaatsen[] = {"Bagdad", "Mosul",  "Basra",
                                       "Erbil",  "Kirkuk", "Sulaymaniyah"};
constexpr const char* kEgPlaatsen[] = {"Caïro", "Alexandrië", "Gizeh", "Mansoura"};
constexpr const char* kErPlaatsen[] = {"Asmara", "Keren", "Massawa", "Mendefera"};
constexpr const char* kSoPlaatsen[] = {"Mogadishu", "Hargeisa", "Kismayo", "Baidoa"};
constexpr const char* kAfPlaatsen[] = {"Kabul", "Herat", "Kandahar", "Mazar-e Sharif", "Jalalabad"};
constexpr const char* kIrPlaatsen[] = {"Teheran", "Isfahan", "Shiraz", "Tabriz", "Mashhad"};
constexpr const char* kCnPlaatsen[] = {"Wenzhou",  "Qingtian", "Guangzhou",
                                       "Shanghai", "Beijing",  "Hongkong"};
constexpr const char* kSrPlaatsen[] = {"Paramaribo", "Nieuw-Nickerie", "Lelydorp", "Moengo",
                                       "Albina"};
constexpr const char* kPlPlaatsen[] = {"Warschau", "Krakau", "Wrocław", "Poznań", "Gdańsk"};
constexpr const char* kRuPlaatsen[] = {"Moskou", "Sint-Petersburg", "Novosibirsk", "Kazan"};
constexpr const char* kThPlaatsen[] = {"Bangkok", "Udon Thani", "Khon Kaen", "Chiang Mai"};
constexpr const char* kPhPlaatsen[] = {"Manilla", "Cebu", "Davao", "Quezon City"};
constexpr const char* kGhPlaatsen[] = {"Accra", "Kumasi", "Tamale", "Takoradi"};
constexpr const char* kIdPlaatsen[] = {"Jakarta", "Surabaya", "Bandung", "Medan"};
constexpr const char* kBrPlaatsen[] = {"São Paulo", "Rio de Janeiro", "Salvador", "Recife"};

const Land kLanden[] = {
    {"Turkije", "Turkse", kTrPlaatsen, kTurkish, kTurkish, 18, 3, false},
    {"Marokko", "Marokkaanse", kMaPlaatsen, kMoroccan, kMoroccan, 18, 1, false},
    {"Suriname", "Surinaamse", kSrPlaatsen, kDutch, kHindustani, 6, 0, false},
    {"Syrië", "Syrische", kSyPlaatsen, kArabic, kArabic, 3, 80, false},
    {"Irak", "Iraakse", kIqPlaatsen, kArabic, kArabic, 6, 70, false},
    {"Egypte", "Egyptische", kEgPlaatsen, kArabic, kArabic, 2, 5, false},
    {"Eritrea", "Eritrese", kErPlaatsen, kTigrinya, kTigrinya, 2, 85, false},
    {"Somalië", "Somalische", kSoPlaatsen, kSomali, kSomali, 6, 75, false},
    {"Afghanistan", "Afghaanse", kAfPlaatsen, kPersian, kPersian, 6, 75, false},
    {"Iran", "Iraanse", kIrPlaatsen, kPersian, kPersian, 5, 60, false},
    {"China", "Chinese", kCnPlaatsen, kChinese, kChinese, 5, 1, false},
    {"Ghana", "Ghanese", kGhPlaatsen, kGhanaian, kGhanaian, 3, 5, false},
    {"Thailand", "Thaise", kThPlaatsen, kThai, kThai, 3, 0, false},
    {"Filipijnen", "Filipijnse", kPhPlaatsen, kFilipino, kFilipino, 2, 0, false},
    {"Rusland", "Russische", kRuPlaatsen, kRussian, kRussian, 2, 15, false},
    {"Indonesië", "Indonesische", kIdPlaatsen, kIndonesian, kIndonesian, 2, 0, false},
    {"Polen", "Poolse", kPlPlaatsen, kPolish, kPolish, 2, 0, true},
    {"Brazilië", "Braziliaanse", kBrPlaatsen, kBrazilian, kBrazilian, 1, 0, false},
};

constexpr const char* kStraten[] = {
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Julianastraat",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Oranjestraat",
    "Hoofdstraat",
    "Nieuwstraat",
    "Parkweg",
    "Lindenlaan",
    "Eikenlaan",
    "Beukenlaan",
    "Sportlaan",
    "Prins Bernhardlaan",
    "Irenestraat",
    "Van Goghstraat",
    "Rembrandtlaan",
    "Vondelstraat",
    "Thorbeckestraat",
    "Spinozastraat",
    "Erasmusweg",
    "Johan de Wittlaan",
    "Meidoornstraat",
    "Zonnebloemstraat",
    "Tulpstraat",
    "Merelstraat",
    "Lijsterbeslaan",
    "Havenstraat",
    "Kanaalweg",
    "Dijkstraat",
    "Vaartweg",
    "Graaf Florisstraat",
    "Admiraal de Ruijterweg",
    "Troelstralaan",
    "Mercatorplein",
    "Columbusstraat",
    "Marconistraat",
    "Amundsenweg",
    "Pieter de Hoochstraat",
    "Kastanjelaan",
    "Zeemanstraat",
    "Bachstraat",
    "Mozartlaan",
    "Willem Barentszstraat",
    "Hugo de Grootstraat",
};
constexpr const char* kToevoegingen[] = {"A", "B", "C", "1", "2", "3", "H", "I", "II", "bis"};
constexpr char kPostcodeLetters[] = "ABCDEGHJKLMNPRSTVWXZ";

struct PostcodeRange {
  const char* gemeente;
  int from;
  int to;
};
constexpr PostcodeRange kPostcodes[] = {
    {"0014", 9711, 9747}, {"0034", 1311, 1365}, {"0080", 8911, 8941}, {"0153", 7511, 7548},
    {"0193", 8011, 8047}, {"0202", 6811, 6846}, {"0268", 6511, 6546}, {"0344", 3511, 3585},
    {"0363", 1011, 1109}, {"0392", 2011, 2037}, {"0518", 2491, 2597}, {"0599", 3011, 3089},
    {"0758", 4811, 4839}, {"0772", 5611, 5658}, {"0855", 5011, 5049}, {"0935", 6211, 6229},
};

// Relative number of inburgeraars per municipality (default 4).
struct GemeenteWeight {
  const char* gemeente;
  uint32_t weight;
};
constexpr GemeenteWeight kGemeenteWeights[] = {
    {"0363", 30}, {"0599", 25}, {"0518", 22}, {"0344", 12}, {"0034", 8}, {"0772", 7},
    {"0014", 6},  {"0855", 6},  {"0758", 5},  {"0268", 5},  {"0202", 5}, {"0153", 5},
    {"0392", 4},  {"0193", 3},  {"0080", 3},  {"0935", 3},  {"1999", 2},
};

// Real municipalities (not RNI), for "previous" and "other" municipalities.
constexpr const char* kEchteGemeenten[] = {"0014", "0034", "0080", "0153", "0193", "0202",
                                           "0268", "0344", "0363", "0392", "0518", "0599",
                                           "0758", "0772", "0855", "0935"};

constexpr const char* kRedenenVerlenging[] = {
    "Medische omstandigheden",
    "Zwangerschap en bevalling",
    "Onvoldoende aanbod inburgeringsvoorziening door gemeente",
    "Mantelzorg voor gezinslid",
    "Buiten schuld examen niet tijdig kunnen afleggen",
    "Wachttijd examenafname",
};
constexpr const char* kRedenenEindeVoorziening[] = {
    "Traject afgerond",
    "Voortijdig beëindigd op verzoek van inburgeraar",
    "Onvoldoende inzet inburgeraar",
    "Verhuisd naar andere gemeente",
    "Einde looptijd voorziening bereikt",
};
constexpr const char* kProfielen[] = {"Werk", "Ondernemerschap",
                                      "Opvoeding, gezondheid en onderwijs",
                                      "Maatschappelijke participatie"};
constexpr const char* kVarianten[] = {"Portfolio", "Assessment", "Portfolio en assessment"};

// ---------------------------------------------------------------------------------------------
// One person.

enum class Ending {
  kActief,       // still in scope
  kDiploma,      // definitief: diploma, no voorziening after it
  kDeceased,     // definitief: died
  kEmigrated,    // definitief: left the Netherlands over a year ago
  kExempt,       // definitief: fully exempted or ontheffing
  kNaturalised,  // definitief: Dutch nationality
  kPension,      // definitief: reached 65
  kOtherLaw,     // definitief: Wi2013 / Wi2021, out of Wi2007
};
enum class Kind { kObliged, kVolunteer, kUndetermined, kExempt, kOtherLaw };
enum class Exemption { kNt2, kKvt, kMedisch, kEvident, kGemeente };

void FormatDigits(uint64_t value, int width, char* out) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

class PersonBuilder {
 public:
  // `all_statuses`: this person gets at least three signals, one in each status, so every
  // municipality has every status even in a tiny data set.
  PersonBuilder(Rng* rng, const Date& today, const std::string& gemeente, bool all_statuses,
                Dossier* d, std::vector<Signaal>* signalen)
      : r_(*rng),
        today_(today),
        gemeente_(gemeente),
        d_(*d),
        signalen_(*signalen),
        all_statuses_(all_statuses) {}

  void Build(std::string bsn, std::optional<std::string> anummer);

 private:
  void ChooseFate();
  void ChooseNames();
  void ChooseDates();
  void FillPersoonsgegevens();
  void FillIndicatie();
  void MakeHandhaving();
  void MakeVoorzieningen();
  void MakeVrijstellingen();
  void MakeExams();
  void MakeNt2OrKvt();
  void MakeBoetes();
  void MakeSignalen();
  const char* OtherGemeente(const std::string& not_this);
  void AddSignal(const char* code, const Date& date);

  Rng& r_;
  const Date today_;
  const std::string& gemeente_;
  Dossier& d_;
  std::vector<Signaal>& signalen_;

  bool rni_ = false;
  bool gewezen_ = false;  // left for abroad: woongemeente 1999, vorige_woongemeente = gemeente_
  bool all_statuses_ = false;
  std::string regie_;  // the municipality that did the Wi2007 work (own, or former for RNI)
  const Land* land_ = nullptr;
  Ending ending_ = Ending::kActief;
  Kind kind_ = Kind::kObliged;
  Exemption exemption_ = Exemption::kGemeente;
  bool asiel_ = false;
  bool pardon_ = false;
  Date birth_;
  Date vestiging_;
  Date plicht_;
  std::optional<Date> beslissing_;
  Date horizon_;                  // no Wi2007 event after this (death, departure, ...)
  std::optional<Date> end_date_;  // the ending's own date (death, vertrek, naturalisation)
  std::optional<Date> diploma_;
  std::optional<Date> gehele_vrijstelling_;  // NT2 / KVT
  int pending_signals_ = 0;
  struct Candidate {
    const char* code;
    Date date;
  };
  Candidate candidates_[16];
  int num_candidates_ = 0;
};

const char* PersonBuilder::OtherGemeente(const std::string& not_this) {
  for (;;) {
    const char* g = r_.Pick<const char*>(kEchteGemeenten);
    if (not_this != g) return g;
  }
}

void PersonBuilder::Build(std::string bsn, std::optional<std::string> anummer) {
  rni_ = gemeente_ == "1999";
  regie_ = rni_ ? std::string(r_.Pick<const char*>(kEchteGemeenten)) : gemeente_;
  d_.kop.bsn = std::move(bsn);
  d_.kop.anummer = std::move(anummer);
  d_.kop.woongemeente = gemeente_;

  int total = 0;
  for (const Land& l : kLanden) total += l.weight;
  int x = r_.Int(0, total - 1);
  land_ = &kLanden[0];
  for (const Land& l : kLanden) {
    if (x < l.weight) {
      land_ = &l;
      break;
    }
    x -= l.weight;
  }
  asiel_ = r_.Percent(land_->asiel_percent);

  ChooseFate();
  d_.kop.herkomst = ending_ == Ending::kActief ? Herkomst::kIsiActief : Herkomst::kIsiDefinitief;
  ChooseNames();
  ChooseDates();
  // Left the Netherlands from a real municipality: registered in the RNI (1999) without a Dutch
  // address, and a gewezen ingezetene of the municipality they left, which keeps them in view.
  if (!rni_ && end_date_ && (ending_ == Ending::kEmigrated || ending_ == Ending::kActief)) {
    gewezen_ = true;
    d_.kop.woongemeente = "1999";
    d_.kop.vorige_woongemeente = gemeente_;
  }
  FillPersoonsgegevens();
  FillIndicatie();
  if (kind_ == Kind::kObliged) MakeHandhaving();
  MakeVoorzieningen();
  MakeVrijstellingen();
  if (kind_ == Kind::kExempt) {
    MakeNt2OrKvt();
  } else {
    MakeExams();
  }
  MakeBoetes();
  MakeSignalen();
}

void PersonBuilder::ChooseFate() {
  const int roll = r_.Int(0, 99);
  if (roll < 8) {
    ending_ = Ending::kOtherLaw;
  } else if (roll < 30) {
    static constexpr Ending kEndings[] = {Ending::kDiploma,     Ending::kDeceased,
                                          Ending::kEmigrated,   Ending::kExempt,
                                          Ending::kNaturalised, Ending::kPension};
    // Emigrants become gewezen ingezetenen (with those who left within the year, about 3%).
    ending_ = kEndings[r_.Weighted({38, 12, 4, 14, 10, 12})];
  } else {
    ending_ = Ending::kActief;
  }
  // RNI persons live abroad: definitief ones left over a year ago.
  if (rni_ && ending_ != Ending::kActief && ending_ != Ending::kOtherLaw)
    ending_ = Ending::kEmigrated;
  // Pension age needs someone born 1950 or later to be 65 by today.
  if (ending_ == Ending::kPension && today_.AddYears(-65) < kOldestBirth)
    ending_ = Ending::kDiploma;

  switch (ending_) {
    case Ending::kOtherLaw:
      kind_ = Kind::kOtherLaw;
      break;
    case Ending::kExempt:
      kind_ = Kind::kExempt;
      break;
    case Ending::kActief: {
      static constexpr Kind kKinds[] = {Kind::kObliged, Kind::kVolunteer, Kind::kUndetermined};
      kind_ = kKinds[r_.Weighted({66, 22, 12})];
      break;
    }
    case Ending::kDiploma:
      kind_ = r_.Percent(80) ? Kind::kObliged : Kind::kVolunteer;
      break;
    default:
      kind_ = r_.Percent(70) ? Kind::kObliged : Kind::kVolunteer;
      break;
  }
  if (land_->eu && kind_ == Kind::kObliged) kind_ = Kind::kVolunteer;
  if (kind_ == Kind::kExempt) {
    static constexpr Exemption kExemptions[] = {Exemption::kNt2, Exemption::kKvt,
                                                Exemption::kMedisch, Exemption::kEvident,
                                                Exemption::kGemeente};
    exemption_ = kExemptions[r_.Weighted({25, 20, 25, 10, 20})];
  }
}

void PersonBuilder::ChooseNames() {
  const int g = r_.Int(0, 999);
  d_.persoonsgegevens.geslacht = g < 5     ? Geslacht::kOnbekend
                                 : g < 500 ? Geslacht::kMan
                                           : Geslacht::kVrouw;
  // Marriage migration from Thailand and the Philippines is mostly women.
  if ((land_->culture == kThai || land_->culture == kFilipino) && r_.Percent(60))
    d_.persoonsgegevens.geslacht = Geslacht::kVrouw;
  const bool female = d_.persoonsgegevens.geslacht == Geslacht::kVrouw ||
                      (d_.persoonsgegevens.geslacht == Geslacht::kOnbekend && r_.Percent(50));
  const Culture& c =
      kCultures[land_->culture != land_->other_culture && r_.Percent(50) ? land_->other_culture
                                                                         : land_->culture];
  const Names names = female ? c.female : c.male;
  std::string& voornamen = d_.kop.naam.voornamen;
  voornamen = r_.Pick(names);
  if (r_.Percent(25)) {
    const char* second = r_.Pick(names);
    if (voornamen != second) {
      voornamen += ' ';
      voornamen += second;
    }
  }
  const Surname& s = r_.Pick(c.surnames);
  d_.kop.naam.voorvoegsels = s.voorvoegsel;
  d_.kop.naam.achternaam = s.naam;
  if (c.optional_voorvoegsel != nullptr && *s.voorvoegsel == '\0' &&
      r_.Percent(c.voorvoegsel_percent))
    d_.kop.naam.voorvoegsels = c.optional_voorvoegsel;
  if (c.feminine_surnames && female) d_.kop.naam.achternaam += 'a';
}

void PersonBuilder::ChooseDates() {
  // Birth and arrival.
  if (kind_ == Kind::kOtherLaw) {
    const bool wi2021 = today_ >= Date{2022, 7, 1} && r_.Percent(40);
    d_.wet = wi2021 ? Wet::kWi2021 : Wet::kWi2013;
    vestiging_ = wi2021 ? r_.DateIn(Date{2022, 1, 1}, today_)
                        : r_.DateIn(Date{2013, 1, 1}, Min(Date{2021, 12, 31}, today_));
    birth_ = r_.DateIn(Max(kOldestBirth, vestiging_.AddYears(-60)), vestiging_.AddYears(-18));
  } else {
    d_.wet = Wet::kWi2007;
    if (kind_ == Kind::kUndetermined) {
      // Came as a child; may become obliged later.
      birth_ = r_.DateIn(Date{1995, 1, 1}, Date{2008, 12, 31});
      vestiging_ = r_.DateIn(birth_.AddDays(30), kLastPlicht);
    } else {
      Date lo = Max(kOldestBirth, today_.AddYears(-65).AddDays(1));
      Date hi{1994, 12, 31};
      if (ending_ == Ending::kPension) {
        lo = kOldestBirth;
        hi = today_.AddYears(-65);
      }
      if (hi < lo) lo = hi.AddYears(-1);
      // Triangular: more persons in the middle of the range.
      const Date a = r_.DateIn(lo, hi);
      const Date b = r_.DateIn(lo, hi);
      birth_ = Date::FromDays((a.ToDays() + b.ToDays()) / 2);
      const Date oud_lo = Max(birth_.AddYears(16), Date{1975, 1, 1});
      const Date oud_hi{2006, 12, 31};
      if (r_.Percent(55) && oud_lo <= oud_hi) {
        vestiging_ = r_.DateIn(oud_lo, oud_hi);
      } else {
        vestiging_ = r_.DateIn(Max(birth_.AddYears(16), kWi2007Start), kLastPlicht);
      }
    }
  }
  if (birth_ > vestiging_) vestiging_ = birth_.AddDays(1);

  // Date the obligation started (obliged persons).
  const Date adult = birth_.AddYears(18);
  if (vestiging_ < kWi2007Start) {
    plicht_ = r_.DateIn(Max(kWi2007Start, adult), Date{2011, 12, 31});
  } else {
    const Date lo = Max(vestiging_, adult);
    plicht_ = r_.DateIn(lo, Min(lo.AddDays(180), kLastPlicht));
  }
  if (plicht_ > kLastPlicht) plicht_ = kLastPlicht;

  // Pardon (generaal pardon 2007-2009) for asylum seekers who arrived before April 2001.
  pardon_ = kind_ != Kind::kOtherLaw && asiel_ && vestiging_ < Date{2001, 4, 1} && r_.Percent(25);
  if (pardon_) {
    beslissing_ = r_.DateIn(kFirstEvent, Date{2009, 12, 31});
  } else if (asiel_) {
    beslissing_ = r_.DateIn(vestiging_, vestiging_.AddDays(730));
  } else if (vestiging_ >= kWi2007Start || r_.Percent(30)) {
    beslissing_ = r_.DateIn(vestiging_, vestiging_.AddDays(180));
  }
  if (beslissing_ && *beslissing_ > today_) beslissing_ = today_;

  // The ending's date and the horizon of Wi2007 events.
  const Date arrived_plus_year = Max(vestiging_.AddYears(1), Date{2009, 1, 1});
  switch (ending_) {
    case Ending::kDeceased:
      end_date_ = r_.DateIn(arrived_plus_year, today_);
      break;
    case Ending::kEmigrated:
      end_date_ = r_.DateIn(arrived_plus_year, today_.AddDays(-366));
      break;
    case Ending::kNaturalised:
      end_date_ = r_.DateIn(Max(vestiging_.AddYears(5), Date{2009, 1, 1}), today_);
      break;
    case Ending::kPension:
      end_date_ = birth_.AddYears(65);
      break;
    case Ending::kOtherLaw:
      if (rni_) end_date_ = r_.DateIn(vestiging_.AddYears(1), today_);
      break;
    case Ending::kActief:
      // Left recently (RNI persons always): may come back within the year.
      if (rni_ || r_.Percent(3)) end_date_ = r_.DateIn(today_.AddDays(-360), today_);
      break;
    default:
      break;
  }
  if (end_date_) {
    if (*end_date_ > today_) end_date_ = today_;
    if (*end_date_ < vestiging_) end_date_ = vestiging_;
  }
  horizon_ = end_date_ ? *end_date_ : today_;
}

void PersonBuilder::FillPersoonsgegevens() {
  Persoonsgegevens& p = d_.persoonsgegevens;
  d_.kop.geboortedatum = birth_;
  p.geboortedatum = birth_;
  p.geboorteland = land_->naam;
  p.geboorteplaats = r_.Pick(land_->plaatsen);
  p.nationaliteit1 = land_->nationaliteit;
  if (ending_ == Ending::kNaturalised) {
    p.nationaliteit1 = "Nederlandse";
    if (r_.Percent(60)) p.nationaliteit2 = land_->nationaliteit;
  } else if (r_.PerMille(15)) {
    p.nationaliteit2 = r_.Pick(std::span<const Land>(kLanden)).nationaliteit;
    if (*p.nationaliteit2 == *p.nationaliteit1) p.nationaliteit2.reset();
  }

  if (!rni_ && !gewezen_) {
    Adres& a = p.adres;
    int from = 1000;
    int to = 9999;
    for (const auto& pc : kPostcodes) {
      if (gemeente_ == pc.gemeente) {
        from = pc.from;
        to = pc.to;
      }
    }
    char postcode[7];
    FormatDigits(static_cast<uint64_t>(r_.Int(from, to)), 4, postcode);
    do {
      postcode[4] = kPostcodeLetters[r_.Below(sizeof kPostcodeLetters - 1)];
      postcode[5] = kPostcodeLetters[r_.Below(sizeof kPostcodeLetters - 1)];
    } while (postcode[4] == 'S' &&
             (postcode[5] == 'A' || postcode[5] == 'D' || postcode[5] == 'S'));
    postcode[6] = '\0';
    a.postcode = postcode;
    const Gemeente* g = FindGemeente(gemeente_);
    a.woonplaats = g != nullptr ? g->naam : gemeente_.c_str();
    a.straatnaam = r_.Pick<const char*>(kStraten);
    const size_t size = r_.Weighted({60, 35, 5});
    a.huisnummer = 1 + static_cast<int>(r_.Below(size == 0 ? 40 : size == 1 ? 200 : 999));
    if (r_.Percent(12)) a.huisnummertoevoeging = r_.Pick<const char*>(kToevoegingen);
    if (r_.PerMille(4)) {
      a.huisnummeraanduiding = "to";
      a.locatieomschrijving = "Woonboot";
    }
    p.indicatie_betrouwbaar_adres = !r_.Percent(4);
  }

  p.datum_vestiging_in_nederland = vestiging_;
  if (ending_ == Ending::kEmigrated || (end_date_ && ending_ == Ending::kActief) ||
      (end_date_ && rni_))
    p.datum_vertrek_uit_nederland = *end_date_;
  if (ending_ == Ending::kDeceased) p.datum_overlijden = *end_date_;

  if (kind_ == Kind::kOtherLaw) {
    p.recht_op_lening_en_vergoeding = r_.Percent(60);
    p.indicatie_schuld_aanwezig = *p.recht_op_lening_en_vergoeding && r_.Percent(30);
  } else if (r_.Percent(30)) {
    p.recht_op_lening_en_vergoeding = false;
  }
  p.indicatie_asielgerechtigd = asiel_;
  p.indicatie_verblijfsdoel = asiel_ || !r_.Percent(20) ? Verblijfsdoel::kPermanentVerblijf
                                                        : Verblijfsdoel::kTijdelijkVerblijf;
  p.indicatie_rechtmatig_verblijf = !r_.Percent(2);
  p.indicatie_pardonregeling = pardon_;
  if (asiel_ && vestiging_ >= kWi2007Start && vestiging_ < Date{2010, 1, 1} && r_.Percent(50)) {
    p.indicatie_persoonsvolgend_budget = true;
    p.persoonsvolgend_budget_gebruikt = r_.Percent(70);
  } else {
    p.indicatie_persoonsvolgend_budget = false;
  }
  p.in_azc_gehuisvest = asiel_ && vestiging_ > today_.AddYears(-1) && r_.Percent(50);
  p.datum_beslissing_verblijfsrecht = beslissing_;
  if (r_.PerMille(15)) p.code_geheim = CodeGeheim::kGeheim;
}

void PersonBuilder::FillIndicatie() {
  Indicatie& i = d_.indicatie;
  i.pardonregeling = pardon_;
  i.asielgerechtigd = asiel_;
  if (kind_ != Kind::kOtherLaw)
    i.categorie = vestiging_ < kWi2007Start ? Categorie::kOudkomer : Categorie::kNieuwkomer;
  switch (kind_) {
    case Kind::kObliged:
      i.inburgeringsplichtig = true;
      i.datum_inburgeringsplicht = plicht_;
      break;
    case Kind::kVolunteer:
      i.inburgeringsplichtig = false;
      i.vrijwillig_inburgeraar = true;
      if (land_->eu)
        i.reden_niet_inburgeringsplichtig = RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
      break;
    case Kind::kUndetermined:
      break;
    case Kind::kOtherLaw:
      i.inburgeringsplichtig = false;
      i.reden_niet_inburgeringsplichtig = RedenNietInburgeringsplichtig::kValtNietOnderWerkingWet;
      break;
    case Kind::kExempt: {
      i.inburgeringsplichtig = false;
      const Date lo = Max(Max(vestiging_, kFirstEvent), birth_.AddYears(18));
      const Date when = r_.DateIn(lo, Min(lo.AddYears(4), horizon_));
      switch (exemption_) {
        case Exemption::kMedisch:
          i.reden_niet_inburgeringsplichtig =
              RedenNietInburgeringsplichtig::kOntheffingMedischeGronden;
          i.ontheffing = Ontheffing{SoortOntheffing::kMedischeGronden, when};
          break;
        case Exemption::kEvident:
          i.reden_niet_inburgeringsplichtig =
              RedenNietInburgeringsplichtig::kOntheffingEvidentIngeburgerd;
          i.ontheffing = Ontheffing{SoortOntheffing::kEvidentIngeburgerd, when};
          break;
        default:
          i.reden_niet_inburgeringsplichtig = RedenNietInburgeringsplichtig::kGeheelVrijgesteld;
          break;
      }
      break;
    }
  }
}

void PersonBuilder::MakeHandhaving() {
  if (!r_.Percent(85)) return;
  const Date lo = Max(plicht_, kFirstEvent);
  const Date hi = Min(kLastPlicht, horizon_);
  if (hi < lo) return;
  Handhaving h;
  h.gehandhaafd_door_gemeente = regie_;
  h.eerste_handhaving_door_gemeente = r_.Percent(88) ? regie_ : OtherGemeente(regie_);
  if (pardon_ && beslissing_ && *beslissing_ >= lo && *beslissing_ <= hi) {
    h.begin_handhaving = *beslissing_;  // pardon: the IND decision starts the term
  } else {
    h.begin_handhaving = r_.DateIn(lo, Min(hi, lo.AddMonths(18)));
  }
  const bool nieuwkomer = d_.indicatie.categorie == Categorie::kNieuwkomer;
  h.einde_handhavingstermijn = h.begin_handhaving.AddMonths(nieuwkomer ? 42 : 60);
  const size_t verlengingen = r_.Weighted({75, 19, 6});
  Date last = h.begin_handhaving.AddMonths(6).AddDays(-1);
  for (size_t n = 0; n < verlengingen; ++n) {
    const Date vlo = last.AddDays(1);
    const Date vhi = Min(h.einde_handhavingstermijn.AddDays(-1), horizon_);
    if (vhi < vlo) break;
    Verlenging v;
    v.datum_verlenging = r_.DateIn(vlo, vhi);
    v.nieuwe_einddatum = h.einde_handhavingstermijn.AddMonths(r_.Int(6, 24));
    v.reden_verlenging = r_.Pick<const char*>(kRedenenVerlenging);
    h.einde_handhavingstermijn = v.nieuwe_einddatum;
    last = v.datum_verlenging;
    h.verlengingen.push_back(std::move(v));
  }
  d_.handhaving = std::move(h);
}

void PersonBuilder::MakeVoorzieningen() {
  size_t count = 0;
  Date lo;
  if (kind_ == Kind::kObliged && d_.handhaving) {
    count = r_.Weighted({20, 55, 25});
    lo = d_.handhaving->begin_handhaving;
  } else if (kind_ == Kind::kVolunteer) {
    count = r_.Weighted({45, 45, 10});
    lo = Max(Max(vestiging_, kFirstEvent), birth_.AddYears(16));
  }
  const Date hi = Min(horizon_, lo.AddYears(4));
  for (size_t n = 0; n < count && lo <= hi; ++n) {
    Inburgeringsvoorziening v;
    v.aanbod_door_gemeente = r_.Percent(90) ? regie_ : OtherGemeente(regie_);
    v.geregistreerd_door_gemeente = regie_;
    static constexpr Doelgroep kDoelgroepen[] = {Doelgroep::kWerkende,
                                                 Doelgroep::kUitkeringsgerechtigde,
                                                 Doelgroep::kNietUitkeringsgerechtigdeEnGeenWerk};
    v.doelgroep = kDoelgroepen[r_.Weighted({30, 40, 30})];
    static constexpr SoortVoorziening kSoorten[] = {
        SoortVoorziening::kRegulier, SoortVoorziening::kDuaal, SoortVoorziening::kTaalkennis,
        SoortVoorziening::kGeestelijkBedienaar};
    // Geestelijk bedienaar is never offered to volunteers.
    v.soort = kSoorten[r_.Weighted({55, 25, 15, kind_ == Kind::kVolunteer ? 0 : 5})];
    v.indicatie_pib = r_.Percent(25);
    if (v.soort == SoortVoorziening::kDuaal)
      v.vorm_duaal_traject =
          static_cast<VormDuaalTraject>(r_.Weighted({25, 20, 8, 12, 12, 10, 8, 5}));
    v.datum_start = r_.DateIn(lo, Min(hi, lo.AddMonths(12)));
    const Date end = v.datum_start.AddMonths(r_.Int(6, 30));
    if (end <= horizon_) {
      v.datum_einde = end;
      v.reden_einde = r_.Pick<const char*>(kRedenenEindeVoorziening);
    } else if (end_date_) {
      v.datum_einde = horizon_;
      switch (ending_) {
        case Ending::kDeceased:
          v.reden_einde = "Overlijden";
          break;
        case Ending::kNaturalised:
          v.reden_einde = "Naturalisatie";
          break;
        case Ending::kPension:
          v.reden_einde = "Pensioengerechtigde leeftijd bereikt";
          break;
        default:
          v.reden_einde = "Vertrek uit Nederland";
          break;
      }
    }
    const bool running = !v.datum_einde.has_value();
    if (!running) lo = v.datum_einde->AddDays(r_.Int(1, 180));
    d_.voorzieningen.push_back(std::move(v));
    if (running) break;
  }
}

void PersonBuilder::MakeVrijstellingen() {
  const bool obliged = kind_ == Kind::kObliged && d_.handhaving;
  if (obliged ? !r_.Percent(16) : !(kind_ == Kind::kVolunteer && r_.Percent(6))) return;
  Vrijstelling v;
  if (obliged && r_.Percent(40)) {
    // Temporary: still at school after compulsory education; needs plicht and handhaving.
    v.soort = SoortVrijstelling::kTijdelijk;
    v.door = VrijstellingDoor::kGemeente;
    const Date lo = d_.handhaving->begin_handhaving;
    v.datum_start = r_.DateIn(lo, Min(d_.handhaving->einde_handhavingstermijn, horizon_));
    v.datum_einde = v.datum_start.AddMonths(r_.Int(6, 24));
  } else {
    v.soort = SoortVrijstelling::kGedeeltelijk;
    v.door = obliged && r_.Percent(45) ? VrijstellingDoor::kGemeente : VrijstellingDoor::kDuo;
    const Date lo = Max(Max(vestiging_, kWi2007Start), birth_.AddYears(16));
    if (horizon_ < lo) return;
    v.datum_start = r_.DateIn(lo, Min(horizon_, lo.AddYears(5)));
    static constexpr VrijgesteldExamenonderdeel kOnderdelen[] = {
        VrijgesteldExamenonderdeel::kTaal, VrijgesteldExamenonderdeel::kKnsCertificaatNederland,
        VrijgesteldExamenonderdeel::kTgnWibEnKns, VrijgesteldExamenonderdeel::kTgnWib};
    v.examenonderdeel = kOnderdelen[r_.Weighted({40, 25, 20, 15})];
    if (v.examenonderdeel == VrijgesteldExamenonderdeel::kTaal)
      v.niveau = r_.Percent(80) ? NiveauDiploma::kA2 : NiveauDiploma::kA1;
  }
  d_.vrijstellingen.push_back(std::move(v));
}

void PersonBuilder::MakeExams() {
  if (kind_ != Kind::kObliged && kind_ != Kind::kVolunteer) return;
  const bool must_pass = ending_ == Ending::kDiploma;
  if (!must_pass && !r_.Percent(kind_ == Kind::kObliged ? 65 : 55)) return;

  Date lo = Max(Max(birth_.AddYears(16), vestiging_.AddDays(90)), Date{2007, 4, 1});
  if (!d_.voorzieningen.empty()) lo = Max(lo, d_.voorzieningen.back().datum_start.AddDays(60));
  if (horizon_ < lo) return;
  const Date first = r_.DateIn(lo, Min(horizon_, lo.AddYears(3)));

  // Which parts. NT2 (state exam) for a few actief persons: participated, not all passed.
  const bool nt2 = ending_ == Ending::kActief && r_.Percent(4);
  const bool old_format = !nt2 && first < Date{2012, 1, 1};
  static constexpr Examen kOld[] = {Examen::kToetsGesprokenNederlands,
                                    Examen::kKennisNederlandseMaatschappij,
                                    Examen::kPraktijkexamen};
  static constexpr Examen kNew[] = {Examen::kLeesvaardigheid, Examen::kLuistervaardigheid,
                                    Examen::kSpreekvaardigheid, Examen::kSchrijfvaardigheid,
                                    Examen::kKennisNederlandseMaatschappij};
  std::span<const Examen> parts =
      old_format ? std::span<const Examen>(kOld) : std::span<const Examen>(kNew);
  if (nt2) parts = parts.first(4);
  const NiveauDiploma niveau = r_.Percent(85) ? NiveauDiploma::kA2 : NiveauDiploma::kA1;
  const ExamenNiveau taalniveau = nt2 ? (r_.Percent(70) ? ExamenNiveau::kP1 : ExamenNiveau::kP2)
                                  : niveau == NiveauDiploma::kA2 ? ExamenNiveau::kA2
                                                                 : ExamenNiveau::kA1;

  // Parts covered by a partial exemption.
  std::optional<VrijgesteldExamenonderdeel> vrij;
  for (const auto& v : d_.vrijstellingen)
    if (v.soort == SoortVrijstelling::kGedeeltelijk) vrij = v.examenonderdeel;
  auto exempted = [&](Examen e) {
    if (!vrij || nt2) return false;
    const bool kns = e == Examen::kKennisNederlandseMaatschappij;
    const bool spoken = e == Examen::kToetsGesprokenNederlands || e == Examen::kSpreekvaardigheid ||
                        e == Examen::kLuistervaardigheid;
    const bool taal = !kns && e != Examen::kPraktijkexamen;
    switch (*vrij) {
      case VrijgesteldExamenonderdeel::kTaal:
        return taal;
      case VrijgesteldExamenonderdeel::kKnsCertificaatNederland:
        return kns;
      case VrijgesteldExamenonderdeel::kTgnWibEnKns:
        return kns || spoken;
      case VrijgesteldExamenonderdeel::kTgnWib:
        return spoken;
    }
    return false;
  };
  // Actief persons have no diploma: one part they have not passed (yet).
  size_t never_pass = parts.size();
  if (ending_ == Ending::kActief) {
    do {
      never_pass = r_.Below(parts.size());
    } while (exempted(parts[never_pass]) && !std::all_of(parts.begin(), parts.end(), exempted));
  }

  Examens& x = d_.examens;
  bool all_passed = true;
  bool all_taken = true;
  bool retake = false;
  bool any_exempted = false;
  Date last_taken = first;
  Date last_passed = first;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Examen e = parts[i];
    Examenonderdeel row;
    row.examen = e;
    if (e != Examen::kKennisNederlandseMaatschappij && e != Examen::kPraktijkexamen)
      row.niveau = taalniveau;
    if (exempted(e)) {
      row.uitslag = Uitslag::kGeslaagd;
      row.indicatie_vrijgesteld = true;
      row.datum_deelname = first;
      row.gemeente_behaald = regie_;
      x.onderdelen.push_back(std::move(row));
      any_exempted = true;
      continue;
    }
    if (e == Examen::kPraktijkexamen) {
      row.profiel = r_.Pick<const char*>(kProfielen);
      row.variant = r_.Pick<const char*>(kVarianten);
    }
    Date when = Min(first.AddDays(r_.Int(0, 120)), horizon_);
    bool passed = false;
    bool taken = false;
    for (int attempt = 0; attempt < 4 && when <= horizon_; ++attempt) {
      static constexpr Uitslag kUitslagen[] = {Uitslag::kGeslaagd, Uitslag::kNietGeslaagd,
                                               Uitslag::kNietOpKomenDagen,
                                               Uitslag::kOngeldigeUitslag};
      Uitslag u = kUitslagen[r_.Weighted({i == never_pass ? 0 : 66, 22, 8, 4})];
      if (must_pass && (attempt == 3 || when.AddDays(200) > horizon_)) u = Uitslag::kGeslaagd;
      Examenonderdeel attempt_row = row;
      attempt_row.uitslag = u;
      attempt_row.datum_deelname = when;
      if (u == Uitslag::kGeslaagd) attempt_row.gemeente_behaald = regie_;
      x.onderdelen.push_back(std::move(attempt_row));
      taken = taken || u != Uitslag::kNietOpKomenDagen;
      last_taken = Max(last_taken, when);
      if (u == Uitslag::kGeslaagd) {
        passed = true;
        retake = retake || attempt > 0;
        last_passed = Max(last_passed, when);
        break;
      }
      if (!must_pass && !r_.Percent(i == never_pass ? 50 : 60)) break;
      when = when.AddDays(r_.Int(60, 200));
    }
    all_passed = all_passed && passed;
    all_taken = all_taken && taken;
  }
  std::stable_sort(x.onderdelen.begin(), x.onderdelen.end(),
                   [](const Examenonderdeel& a, const Examenonderdeel& b) {
                     return a.datum_deelname < b.datum_deelname;
                   });

  if (nt2) {
    if (all_taken) {
      x.volledige_deelname_nt2 = all_passed ? VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd
                                            : VolledigeDeelnameNt2::kAanAlleOnderdelenDeelgenomen;
      x.datum_volledige_deelname_nt2 = last_taken;
      x.gemeente_volledige_deelname_nt2 = regie_;
    }
  } else {
    if (all_taken) {
      x.deelgenomen_volledig_examen = true;
      x.gemeente_volledige_deelname = regie_;
    }
    if (all_passed) {
      diploma_ = last_passed;
      x.inburgeringsdiploma_behaald = true;
      x.datum_diploma_behaald = last_passed;
      x.diploma_gemeente = regie_;
      x.indicatie_geslaagd =
          retake ? (any_exempted ? IndicatieGeslaagd::kMetHerkansingEnVrijstelling
                                 : IndicatieGeslaagd::kMetHerkansingZonderVrijstelling)
                 : (any_exempted ? IndicatieGeslaagd::kZonderHerkansingMetVrijstelling
                                 : IndicatieGeslaagd::kZonderHerkansingEnVrijstelling);
      d_.persoonsgegevens.indicatie_diploma_behaald = true;
      d_.persoonsgegevens.niveau_inburgeringsdiploma = niveau;
    }
  }
  if (ending_ == Ending::kActief && !x.inburgeringsdiploma_behaald) {
    static constexpr ExamenaanvraagKader kKaders[] = {ExamenaanvraagKader::kGeenExamenaanvraag,
                                                      ExamenaanvraagKader::kWetInburgering,
                                                      ExamenaanvraagKader::kNaturalisatie};
    x.examenaanvraag = kKaders[r_.Weighted({88, 8, 4})];
    d_.persoonsgegevens.examenaanvraag_aanwezig = x.examenaanvraag;
  }
}

// Fully exempted by DUO: state exam NT2 passed, or the short exemption test.
void PersonBuilder::MakeNt2OrKvt() {
  if (exemption_ != Exemption::kNt2 && exemption_ != Exemption::kKvt) return;
  const Date lo = Max(Max(birth_.AddYears(16), vestiging_.AddDays(90)), Date{2007, 4, 1});
  if (horizon_ < lo) return;
  Date when = r_.DateIn(lo, Min(horizon_, lo.AddYears(3)));
  Examens& x = d_.examens;
  Examenonderdeel row;
  row.uitslag = Uitslag::kGeslaagd;
  row.gemeente_behaald = regie_;
  if (exemption_ == Exemption::kKvt) {
    row.examen = Examen::kKorteVrijstellingstoets;
    row.datum_deelname = when;
    x.onderdelen.push_back(row);
  } else {
    const ExamenNiveau niveau = r_.Percent(70) ? ExamenNiveau::kP1 : ExamenNiveau::kP2;
    for (Examen e : {Examen::kLeesvaardigheid, Examen::kLuistervaardigheid,
                     Examen::kSpreekvaardigheid, Examen::kSchrijfvaardigheid}) {
      row.examen = e;
      row.niveau = niveau;
      row.datum_deelname = when;
      x.onderdelen.push_back(row);
      when = Min(horizon_, when.AddDays(r_.Int(0, 40)));
    }
    x.volledige_deelname_nt2 = VolledigeDeelnameNt2::kVoorAlleOnderdelenGeslaagd;
    x.datum_volledige_deelname_nt2 = when;
    x.gemeente_volledige_deelname_nt2 = regie_;
  }
  gehele_vrijstelling_ = when;
  d_.persoonsgegevens.indicatie_gehele_vrijstelling_door_duo = true;
}

void PersonBuilder::MakeBoetes() {
  if (!d_.handhaving) return;
  const Handhaving& h = *d_.handhaving;
  // Not cooperating during the term.
  if (r_.Percent(5)) {
    const Date lo = h.begin_handhaving.AddMonths(3);
    const Date hi = Min(h.einde_handhavingstermijn, horizon_);
    if (lo <= hi) {
      Boete b;
      b.datum_toekennen = r_.DateIn(lo, hi);
      b.soort = "Niet meewerken";
      b.reden = r_.Percent(50) ? "Niet verschenen op oproep van de gemeente"
                               : "Niet deelgenomen aan de inburgeringsvoorziening";
      b.bedrag_centen = 10000 + 2500 * r_.Int(0, 16);
      d_.boetes.push_back(std::move(b));
    }
  }
  // Term overrun without diploma.
  const bool passed_in_time = diploma_ && *diploma_ <= h.einde_handhavingstermijn;
  if (!passed_in_time && h.einde_handhavingstermijn < horizon_ && r_.Percent(28)) {
    Date lo = h.einde_handhavingstermijn.AddDays(30);
    Date hi = Min(h.einde_handhavingstermijn.AddDays(365), horizon_);
    if (diploma_) hi = Min(hi, *diploma_);
    for (int n = 0; n < 2 && lo <= hi; ++n) {
      Boete b;
      b.datum_toekennen = r_.DateIn(lo, hi);
      b.soort = "Termijnoverschrijding";
      b.reden = n == 0 ? "Inburgeringsexamen niet binnen de handhavingstermijn behaald"
                       : "Inburgeringsexamen niet binnen de nieuwe termijn behaald";
      b.bedrag_centen = 25000 * r_.Int(1, 4);
      lo = b.datum_toekennen.AddMonths(6);
      hi = Min(b.datum_toekennen.AddMonths(18), horizon_);
      if (diploma_) hi = Min(hi, *diploma_);
      d_.boetes.push_back(std::move(b));
      if (!r_.Percent(35)) break;
    }
  }
  std::stable_sort(d_.boetes.begin(), d_.boetes.end(), [](const Boete& a, const Boete& b) {
    return a.datum_toekennen < b.datum_toekennen;
  });
}

void PersonBuilder::AddSignal(const char* code, const Date& date) {
  if (date < kFirstEvent || date > today_ ||
      num_candidates_ == static_cast<int>(std::size(candidates_)))
    return;
  candidates_[num_candidates_++] = Candidate{code, date};
}

void PersonBuilder::MakeSignalen() {
  size_t count = r_.Weighted({45, 30, 15, 10});
  if (all_statuses_) count = 3;
  if (count == 0) return;
  const Date first_event = Max(kFirstEvent, vestiging_);
  // Signals that follow from the dossier.
  if (d_.persoonsgegevens.datum_overlijden)
    AddSignal("SS008", *d_.persoonsgegevens.datum_overlijden);
  if (d_.persoonsgegevens.datum_vertrek_uit_nederland)
    AddSignal("SS011", *d_.persoonsgegevens.datum_vertrek_uit_nederland);
  if (ending_ == Ending::kNaturalised && end_date_) AddSignal("SS012", *end_date_);
  if (diploma_) AddSignal("SS016", diploma_->AddDays(r_.Int(1, 30)));
  if (gehele_vrijstelling_)
    AddSignal(exemption_ == Exemption::kKvt ? "SS017" : "SS006",
              gehele_vrijstelling_->AddDays(r_.Int(1, 30)));
  if (d_.handhaving) {
    const Date end = d_.handhaving->einde_handhavingstermijn;
    AddSignal("SS004", end.AddMonths(-6));
    if (!diploma_ || *diploma_ > end) AddSignal("SS066", end);
  }
  for (const auto& v : d_.vrijstellingen)
    if (v.datum_einde && !diploma_) AddSignal("SS005", *v.datum_einde);
  if (!d_.examens.onderdelen.empty())
    AddSignal("SS065", d_.examens.onderdelen.back().datum_deelname);
  if (kind_ == Kind::kUndetermined) {
    AddSignal("SS007", birth_.AddYears(18));
    AddSignal("SS050", r_.DateIn(first_event, horizon_));
  }
  if (kind_ == Kind::kVolunteer && r_.Percent(20))
    AddSignal("SS033", r_.DateIn(first_event, horizon_));
  if (vestiging_ >= kWi2007Start)
    AddSignal(r_.Percent(50) ? "SS060" : "SS064", vestiging_.AddDays(r_.Int(1, 60)));
  if (d_.persoonsgegevens.indicatie_verblijfsdoel == Verblijfsdoel::kTijdelijkVerblijf)
    AddSignal("SS002", r_.DateIn(first_event, horizon_));
  if (asiel_) AddSignal(r_.Percent(50) ? "SS015" : "SS003", r_.DateIn(first_event, horizon_));
  // Anyone may have moved or had personal data changed; any-code signals for variety, so that
  // a municipality's signal list has most codes even in a small data set.
  AddSignal("SS001", r_.DateIn(first_event, horizon_));
  AddSignal("SS052", r_.DateIn(first_event, horizon_));
  if (r_.Percent(35) || all_statuses_) {
    const auto& all = Signaalcodes();
    AddSignal(all[r_.Below(all.size())].code, r_.DateIn(first_event, horizon_));
  }

  // Pick `count` distinct candidates (partial Fisher-Yates).
  const size_t n = static_cast<size_t>(num_candidates_);
  const size_t take = std::min(count, n);
  const size_t first_index = signalen_.size();
  for (size_t i = 0; i < take; ++i) {
    const size_t j = i + r_.Below(n - i);
    std::swap(candidates_[i], candidates_[j]);
    Signaal s;
    s.code = candidates_[i].code;
    s.datum = candidates_[i].date;
    s.bsn = d_.kop.bsn;
    s.gemeentecode = gemeente_;
    // Older signals are mostly handled; recent ones mostly not yet.
    static constexpr SignaalStatus kStatussen[] = {
        SignaalStatus::kNieuw, SignaalStatus::kInBehandeling, SignaalStatus::kAfgehandeld};
    const bool recent = s.datum > today_.AddYears(-1);
    s.status = kStatussen[recent ? r_.Weighted({50, 30, 20}) : r_.Weighted({6, 10, 84})];
    if (all_statuses_) s.status = kStatussen[i % 3];
    switch (s.status) {
      case SignaalStatus::kNieuw:
        ++d_.signalen.nieuw;
        break;
      case SignaalStatus::kInBehandeling:
        ++d_.signalen.in_behandeling;
        break;
      case SignaalStatus::kAfgehandeld:
        ++d_.signalen.afgehandeld;
        break;
    }
    ++d_.signalen.totaal;
    signalen_.push_back(std::move(s));
  }
  std::stable_sort(signalen_.begin() + static_cast<std::ptrdiff_t>(first_index), signalen_.end(),
                   [](const Signaal& a, const Signaal& b) { return a.datum < b.datum; });
}

}  // namespace

// ---------------------------------------------------------------------------------------------

const std::vector<std::string>& DefaultGeneratorGemeenten() {
  static const std::vector<std::string> kDefault = {"0014", "0034", "0344", "0363", "0599"};
  return kDefault;
}

Status ValidateGeneratorOptions(const GeneratorOptions& options) {
  if (options.persons < 0 || options.persons > kMaxGeneratedPersons)
    return Status::InvalidArgument(
        "aantal personen moet tussen 0 en " + std::to_string(kMaxGeneratedPersons) + " liggen",
        "persons");
  for (size_t i = 0; i < options.gemeenten.size(); ++i) {
    const std::string& code = options.gemeenten[i];
    if (FindGemeente(code) == nullptr)
      return Status::InvalidArgument("onbekende gemeentecode '" + code + "'", "gemeenten");
    for (size_t j = 0; j < i; ++j)
      if (options.gemeenten[j] == code)
        return Status::InvalidArgument("gemeentecode '" + code + "' staat er dubbel in",
                                       "gemeenten");
  }
  if (!options.today.IsValid() || options.today < Date{2013, 1, 1} ||
      options.today > Date{2050, 12, 31})
    return Status::InvalidArgument("peildatum moet tussen 2013-01-01 en 2050-12-31 liggen",
                                   "today");
  return Status::Ok();
}

bool IsRichDossier(const Dossier& d) {
  return d.kop.herkomst == Herkomst::kIsiActief && !d.persoonsgegevens.datum_overlijden &&
         !d.persoonsgegevens.datum_vertrek_uit_nederland &&
         d.persoonsgegevens.code_geheim == CodeGeheim::kGeenBeperking && d.handhaving &&
         !d.voorzieningen.empty() && !d.examens.onderdelen.empty();
}

Generator::Generator(GeneratorOptions options) : options_(std::move(options)) {
  if (options_.gemeenten.empty()) options_.gemeenten = DefaultGeneratorGemeenten();
  const Status valid = ValidateGeneratorOptions(options_);
  if (!valid.ok()) throw std::invalid_argument(valid.ToString());
  uint64_t state = options_.seed ^ 0x1519a0c1d0a2b3c4ULL;
  for (auto& k : bsn_keys_) k = SplitMix64(&state);
  for (auto& k : anummer_keys_) k = SplitMix64(&state);
  uint32_t total = 0;
  for (const auto& code : options_.gemeenten) {
    uint32_t weight = 4;
    for (const auto& w : kGemeenteWeights)
      if (code == w.gemeente) weight = w.weight;
    total += weight;
    gemeente_weights_.push_back(total);
  }
}

// BSN: the k-th 8-digit prefix of a keyed permutation of [0, 10^8), plus the one check digit
// that satisfies the elfproef; prefixes without one (and 00000000) are skipped.
std::string Generator::NextBsn() {
  for (;;) {
    const uint64_t prefix = Feistel(bsn_cursor_++, 10'000, bsn_keys_);
    if (prefix == 0) continue;
    char digits[10];
    FormatDigits(prefix, 8, digits);
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (digits[i] - '0') * (9 - i);
    const int check = sum % 11;
    if (check == 10) continue;
    digits[8] = static_cast<char>('0' + check);
    return std::string(digits, 9);
  }
}

// A-nummer: the k-th element of a keyed permutation of the 9^8 8-digit prefixes that start with
// 1..9 and have no two equal adjacent digits, plus the first pair of last digits that satisfies
// the remaining rules; prefixes without such a pair are skipped.
std::string Generator::NextANummer() {
  for (;;) {
    uint64_t x = Feistel(anummer_cursor_++, 6'561, anummer_keys_);
    int base9[8];
    for (int i = 7; i >= 0; --i) {
      base9[i] = static_cast<int>(x % 9);
      x /= 9;
    }
    int d[10];
    d[0] = base9[0] + 1;
    for (int i = 1; i < 8; ++i) d[i] = base9[i] < d[i - 1] ? base9[i] : base9[i] + 1;
    int digit_sum = 0;
    int weighted = 0;
    for (int i = 0; i < 8; ++i) {
      digit_sum += d[i];
      weighted += d[i] << i;
    }
    // 2^8 = 3 and 2^9 = 6 (mod 11), and 6 * 2 = 1 (mod 11).
    for (int d8 = 0; d8 <= 9; ++d8) {
      if (d8 == d[7]) continue;
      const int d9 = (2 * (11 - (weighted + 3 * d8) % 11)) % 11;
      if (d9 > 9 || d9 == d8) continue;
      const int r = (digit_sum + d8 + d9) % 11;
      if (r != 0 && r != 5) continue;
      d[8] = d8;
      d[9] = d9;
      std::string out(10, '0');
      for (int i = 0; i < 10; ++i) out[static_cast<size_t>(i)] = static_cast<char>('0' + d[i]);
      return out;
    }
  }
}

void Generator::MakePerson(int64_t index, Dossier* dossier, std::vector<Signaal>* signalen) {
  Rng rng(Mix(options_.seed) + static_cast<uint64_t>(index));
  const size_t n = options_.gemeenten.size();
  size_t g = 0;
  if (static_cast<uint64_t>(index) < n) {
    g = static_cast<size_t>(index);  // every municipality gets a person first
  } else {
    const uint32_t x = static_cast<uint32_t>(rng.Below(gemeente_weights_.back()));
    while (gemeente_weights_[g] <= x) ++g;
  }
  std::string bsn = NextBsn();
  std::optional<std::string> anummer;
  if (!rng.Percent(2)) anummer = NextANummer();
  PersonBuilder builder(&rng, options_.today, options_.gemeenten[g],
                        /*all_statuses=*/static_cast<uint64_t>(index) < n, dossier, signalen);
  builder.Build(std::move(bsn), std::move(anummer));
}

bool Generator::NextBatch(size_t max, std::vector<Dossier>* persons,
                          std::vector<Signaal>* signalen) {
  persons->clear();
  signalen->clear();
  const int64_t remaining = options_.persons - next_index_;
  if (remaining <= 0 || max == 0) return false;
  const size_t count = std::min(max, static_cast<size_t>(remaining));
  persons->resize(count);
  for (size_t i = 0; i < count; ++i) MakePerson(next_index_++, &(*persons)[i], signalen);
  return true;
}

}  // namespace isi
