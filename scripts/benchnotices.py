"""Synthetic notices for the benchmark: invented, bilingual, and evolving by small edits.

A notice is held as one language-neutral structure (sections of sentences, a list, a
table) and rendered into Indonesian-looking and English-looking Markdown from parallel
phrase tables. Both languages therefore always have the same sections, anchors, list
and table sizes and the same numbers, which is what the parity check wants, and an
edit to the structure is the same edit in both languages. Everything is driven by a
seeded random generator, so a given size always produces the same texts.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

LANGS = ("id", "en")

# (Indonesian, English) phrase tables. English subjects are plural so verbs agree.
SUBJECTS = [("Kami", "We"), ("Mitra pembayaran kami", "Our payment partners"),
            ("Staf layanan pelanggan", "Our customer service staff"), ("Pemroses data kami", "Our data processors"),
            ("Sistem kami", "Our systems"), ("Tim keamanan kami", "Our security engineers"),
            ("Mitra penyedia jasa", "Service partners"), ("Staf verifikasi", "Our verification staff"),
            ("Penyedia komputasi awan kami", "Our cloud providers"), ("Auditor independen", "Independent auditors")]
VERBS = [("menyimpan", "store"), ("memproses", "process"), ("meninjau", "review"), ("mengenkripsi", "encrypt"),
         ("menghapus", "delete"), ("menganonimkan", "anonymise"), ("membagikan", "share"), ("mencatat", "record"),
         ("memeriksa", "check"), ("membatasi akses ke", "restrict access to"), ("mencadangkan", "back up"),
         ("memperbarui", "update"), ("mengumpulkan", "collect"), ("menggunakan", "use")]
OBJECTS = [("data akun", "account data"), ("riwayat pemesanan", "booking history"),
           ("catatan transaksi", "transaction records"), ("log teknis", "technical logs"),
           ("pesan obrolan", "chat messages"), ("data lokasi perangkat", "device location data"),
           ("rekaman panggilan", "call recordings"), ("foto yang diunggah", "uploaded photos"),
           ("data verifikasi mitra", "partner verification data"), ("preferensi pemasaran", "marketing preferences"),
           ("alamat layanan", "service addresses"), ("nomor telepon yang disamarkan", "masked phone numbers"),
           ("ulasan dan penilaian", "reviews and ratings"), ("data perangkat", "device data"),
           ("catatan persetujuan", "consent records"), ("nomor rekening mitra", "partner bank account numbers")]
PURPOSES = [("untuk menjalankan pesanan", "to fulfil bookings"), ("untuk mencegah penipuan", "to prevent fraud"),
            ("untuk memenuhi kewajiban hukum", "to meet legal obligations"),
            ("untuk menangani keluhan", "to handle complaints"), ("untuk memperbaiki aplikasi", "to improve the app"),
            ("untuk menghitung statistik agregat", "to compute aggregate statistics"),
            ("untuk mengamankan akun Anda", "to secure your account"),
            ("untuk memverifikasi identitas", "to verify identities"),
            ("untuk mengirim pemberitahuan layanan", "to send service notifications"),
            ("untuk menyelesaikan sengketa", "to resolve disputes")]
QUALIFIERS = [("dengan kontrol akses berbasis peran", "with role-based access controls"),
              ("di pusat data di Indonesia", "in data centres in Indonesia"),
              ("secara terpisah dari data lainnya", "separately from other data"),
              ("dalam bentuk terenkripsi", "in encrypted form"),
              ("hanya sebatas yang diperlukan", "only as far as necessary"),
              ("sesuai instruksi tertulis kami", "under our written instructions"),
              ("dengan pencatatan setiap akses", "with every access logged"),
              ("setelah menimbang hak Anda", "after weighing your rights")]
CONDITIONS = [("Anda menutup akun", "you close your account"), ("Anda menarik persetujuan", "you withdraw your consent"),
              ("terjadi insiden keamanan", "a security incident occurs"),
              ("otoritas meminta secara resmi", "an authority makes an official request"),
              ("pesanan dibatalkan", "a booking is cancelled"), ("mitra mengakhiri kemitraan", "a partner ends the partnership"),
              ("Anda mengajukan keberatan", "you raise an objection"),
              ("data tidak lagi diperlukan", "the data is no longer needed")]
UNITS = [("hari", "days"), ("bulan", "months"), ("tahun", "years"), ("jam", "hours"), ("hari kerja", "business days")]
TEMPLATES = [  # {S} subject, {s} subject lower-case, {V} verb, {O} object, {P} purpose, {Q} qualifier,
               # {C} condition, {N} number with its unit
    ("{S} {V} {O} {P}.", "{S} {V} {O} {P}."),
    ("{S} {V} {O} {Q}.", "{S} {V} {O} {Q}."),
    ("Jika {C}, {s} {V} {O} dalam waktu {N}.", "If {C}, {s} {V} {O} within {N}."),
    ("{S} {V} {O} paling lama {N} {P}.", "{S} {V} {O} for at most {N} {P}."),
    ("Setelah {C}, {s} {V} {O} {Q}.", "After {C}, {s} {V} {O} {Q}."),
    ("{S} hanya {V} {O} {P}, {Q}.", "{S} only {V} {O} {P}, {Q}."),
]
NUMBERED = {2, 3}
TOPICS = [("Siapa Kami", "Who We Are", "who-we-are"), ("Data yang Kami Kumpulkan", "Data We Collect", "data-we-collect"),
          ("Tujuan Pemrosesan", "Purposes", "purposes"), ("Dasar Pemrosesan", "Legal Bases", "legal-bases"),
          ("Berbagi Data", "Sharing", "sharing"), ("Transfer ke Luar Negeri", "International Transfers", "transfers"),
          ("Retensi Data", "Retention", "retention"), ("Keamanan Data", "Security", "security"),
          ("Hak Anda", "Your Rights", "rights"), ("Data Anak", "Children", "children"),
          ("Keputusan Otomatis", "Automated Decisions", "automated-decisions"), ("Pemasaran", "Marketing", "marketing"),
          ("Data Lokasi", "Location Data", "location"), ("Pembayaran", "Payments", "payments"),
          ("Keluhan", "Complaints", "complaints"), ("Rekaman Panggilan", "Call Recordings", "call-recordings"),
          ("Verifikasi Mitra", "Partner Verification", "partner-verification"), ("Riset", "Research", "research")]
CONTACT = ("Hubungi Kami", "Contact Us", "contact")
SERVICES = [("privacy", "Layanan Seruni", "Seruni Services"), ("partners", "Mitra Seruni", "Seruni Partners"),
            ("payments", "Pembayaran Seruni", "Seruni Payments"), ("loyalty", "Program Poin", "Points Programme"),
            ("marketing", "Pemasaran", "Marketing"), ("recruitment", "Rekrutmen", "Recruitment"),
            ("cctv", "Kamera Pengawas", "CCTV"), ("support", "Layanan Pelanggan", "Customer Support"),
            ("business", "Seruni Bisnis", "Seruni Business"), ("referrals", "Program Rujukan", "Referral Programme"),
            ("insurance", "Perlindungan Pesanan", "Booking Protection"), ("events", "Acara Seruni", "Seruni Events"),
            ("wallet", "Dompet Seruni", "Seruni Wallet"), ("research", "Riset Pengguna", "User Research"),
            ("api", "API Mitra", "Partner API"), ("vendors", "Pemasok", "Suppliers"),
            ("visitors", "Pengunjung Kantor", "Office Visitors"), ("training", "Pelatihan Mitra", "Partner Training"),
            ("surveys", "Survei", "Surveys"), ("rewards", "Hadiah Mitra", "Partner Rewards")]


@dataclass
class Sentence:
    t: int
    s: int
    v: int
    o: int
    p: int
    q: int
    c: int
    n: int = 0
    u: int = 0

    def render(self, li: int) -> str:
        subj = SUBJECTS[self.s][li]
        lower = subj if subj.startswith(("Pejabat",)) else subj[0].lower() + subj[1:]
        return TEMPLATES[self.t][li].format(
            S=subj, s=lower, V=VERBS[self.v][li], O=OBJECTS[self.o][li], P=PURPOSES[self.p][li],
            Q=QUALIFIERS[self.q][li], C=CONDITIONS[self.c][li], N=f"{self.n} {UNITS[self.u][li]}")


@dataclass
class Section:
    heading: tuple[str, str]
    anchor: str
    paragraphs: list[list[Sentence]]
    items: list[Sentence] = field(default_factory=list)          # a bullet list, if any
    rows: list[tuple[int, int, int]] = field(default_factory=list)  # table: (object, number, unit)


@dataclass
class NoticeText:
    key: str
    name: tuple[str, str]
    intro: list[Sentence]
    sections: list[Section]
    effective: dt.date

    def render(self, lang: str) -> str:
        li = LANGS.index(lang)
        desc = (f"Cara PT Seruni Data Nusantara memproses data pribadi dalam {self.name[0]}.",
                f"How PT Seruni Data Nusantara processes personal data in {self.name[1]}.")[li]
        title = (f"Pemberitahuan Privasi {self.name[0]}", f"{self.name[1]} Privacy Notice")[li]
        contact = ("Pertanyaan dapat dikirim ke [dpo@seruni.example](mailto:dpo@seruni.example); lihat juga "
                   "bagian [Hubungi Kami](#contact).",
                   "Questions can be sent to [dpo@seruni.example](mailto:dpo@seruni.example); see also "
                   "[Contact Us](#contact).")[li]
        out = [f"---\ndescription: {desc}\neffective: {self.effective.isoformat()}\n---\n", f"# {title}\n",
               " ".join(s.render(li) for s in self.intro) + " " + contact + "\n"]
        for sec in self.sections:
            out.append(f"## {sec.heading[li]} {{#{sec.anchor}}}\n")
            for para in sec.paragraphs[:1]:
                out.append(" ".join(s.render(li) for s in para) + "\n")
            if sec.items:
                out.append("\n".join(f"- **{OBJECTS[s.o][li].capitalize()}:** {s.render(li)}" for s in sec.items) + "\n")
            if sec.rows:
                head = ("| Kategori data | Masa retensi |", "| Data category | Retention period |")[li]
                body = "\n".join(f"| {OBJECTS[o][li].capitalize()} | {n} {UNITS[u][li]} |" for o, n, u in sec.rows)
                out.append(f"{head}\n|---|---|\n{body}\n")
            for para in sec.paragraphs[1:]:
                out.append(" ".join(s.render(li) for s in para) + "\n")
        return "\n".join(out)


class Generator:
    """Makes notices and edits them; one seeded random stream for everything."""

    def __init__(self, seed: int = 2027):
        self.rng = random.Random(seed)

    def sentence(self) -> Sentence:
        r = self.rng
        t = r.randrange(len(TEMPLATES))
        return Sentence(t, r.randrange(len(SUBJECTS)), r.randrange(len(VERBS)), r.randrange(len(OBJECTS)),
                        r.randrange(len(PURPOSES)), r.randrange(len(QUALIFIERS)), r.randrange(len(CONDITIONS)),
                        r.randint(2, 90) if t in NUMBERED else 0, r.randrange(len(UNITS)))

    def paragraph(self) -> list[Sentence]:
        return [self.sentence() for _ in range(self.rng.randint(3, 4))]

    def section(self, topic: tuple[str, str, str]) -> Section:
        return Section(topic[:2], topic[2], [self.paragraph() for _ in range(2)])

    def notice(self, index: int, when: dt.date) -> NoticeText:
        base, name_id, name_en = SERVICES[index % len(SERVICES)]
        key = base if index < len(SERVICES) else f"{base}-{index // len(SERVICES) + 1}"
        topics = self.rng.sample(TOPICS[:14], 9)
        sections = [self.section(t) for t in topics] + [self.section(CONTACT)]
        for sec in self.rng.sample(sections[:-1], 3):
            sec.items = [self.sentence() for _ in range(self.rng.randint(4, 5))]
        table = next(s for s in sections if not s.items)
        table.rows = [(self.rng.randrange(len(OBJECTS)), self.rng.randint(2, 36), self.rng.randrange(3))
                      for _ in range(self.rng.randint(4, 6))]
        return NoticeText(key, (name_id, name_en), [self.sentence() for _ in range(3)], sections, when)

    def edit(self, notice: NoticeText, when: dt.date, editorial: bool = False) -> str:
        """Change `notice` in place the way editors do; returns a commit subject (English)."""
        r = self.rng
        if editorial:   # a wording fix: one sentence gets another qualifier
            sec = r.choice(notice.sections)
            sent = r.choice(sec.paragraphs[0])
            sent.q = (sent.q + 1) % len(QUALIFIERS)
            return f"reword a sentence in '{sec.heading[1]}'"
        done = [self._change_number(notice)]
        if r.random() < 0.5:
            sec = r.choice(notice.sections)
            r.choice(sec.paragraphs).append(self.sentence())
            done.append(f"add a sentence to '{sec.heading[1]}'")
        if r.random() < 0.35:   # about as many drops as additions: texts stay ~1200 words
            para = max((p for s in notice.sections for p in s.paragraphs), key=len)
            para.pop(r.randrange(len(para)))
            done.append("drop a sentence")
        roll = r.random()
        if roll < 0.04:
            done.append(self._add_section(notice))
        elif roll < 0.06 and len(notice.sections) > 10:
            gone = notice.sections.pop(r.randrange(len(notice.sections) - 1))   # never "contact"
            done.append(f"remove section '{gone.heading[1]}'")
        notice.effective = when + dt.timedelta(days=30) if r.random() < 0.2 else when
        return "; ".join(done)

    def _change_number(self, notice: NoticeText) -> str:
        r = self.rng
        tables = [s for s in notice.sections if s.rows]
        if tables and r.random() < 0.3:
            sec = r.choice(tables)
            i = r.randrange(len(sec.rows))
            o, n, u = sec.rows[i]
            sec.rows[i] = (o, n + r.randint(1, 12), u)
            return f"longer retention in '{sec.heading[1]}' ({n} -> {sec.rows[i][1]})"
        numbered = [(sec, s) for sec in notice.sections for p in sec.paragraphs for s in p if s.t in NUMBERED]
        if not numbered:
            sec = r.choice(notice.sections)
            sec.paragraphs[0].append(self.sentence())
            return f"add a sentence to '{sec.heading[1]}'"
        sec, sent = r.choice(numbered)
        old, sent.n = sent.n, max(2, sent.n + r.choice((-5, -2, 1, 3, 7, 14)))
        return f"change a period in '{sec.heading[1]}' ({old} -> {sent.n})"

    def _add_section(self, notice: NoticeText) -> str:
        used = {s.anchor for s in notice.sections}
        free = [t for t in TOPICS if t[2] not in used]
        if free:
            topic = self.rng.choice(free)
        else:
            n = sum(1 for s in notice.sections if s.anchor.startswith("more-")) + 1
            topic = (f"Ketentuan Tambahan {n}", f"Additional Terms {n}", f"more-{n}")
        notice.sections.insert(len(notice.sections) - 1, self.section(topic))
        return f"new section '{topic[1]}'"


def word_count(text: str) -> int:
    body = text.split("\n---\n", 1)[-1]
    return sum(1 for w in body.split() if any(ch.isalpha() for ch in w))

