//! Generates a synthetic newsroom desk from a folder of source articles:
//! sentences shuffled across articles, figures and dates varied, datelines in
//! every month-name family and digit system, some "read also" blocks.
//! Deterministic for a given seed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use claimdesk::text::segment;

/// A small deterministic PRNG (xorshift64*), so generated desks are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sentences and headlines taken from the source articles.
pub struct Pool {
    pub headlines: Vec<String>,
    pub sentences: Vec<String>,
}

/// Reads every `.txt`/`.md` file under `dir` (front matter dropped) into a pool.
pub fn read_pool(dir: &Path) -> io::Result<Pool> {
    let mut pool = Pool {
        headlines: Vec::new(),
        sentences: Vec::new(),
    };
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    for file in files {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let body = strip_front_matter(&text);
        for seg in segment::sentences(body, 0..body.len()) {
            let s = body[seg.range.clone()].trim();
            if s.is_empty() {
                continue;
            }
            let chars = s.chars().count();
            if seg.bare_line && chars < 90 {
                if chars > 12 && !s.contains(':') {
                    pool.headlines.push(s.to_string());
                }
            } else {
                pool.sentences.push(s.to_string());
            }
        }
    }
    if pool.sentences.is_empty() {
        return Err(io::Error::other(format!(
            "{}: no sentences found to build articles from",
            dir.display()
        )));
    }
    if pool.headlines.is_empty() {
        pool.headlines.push("تقرير إخباري".to_string());
    }
    Ok(pool)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) && path.file_name().is_none_or(|n| n != "README.md")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("+++\n")
        && let Some(end) = rest.find("\n+++")
    {
        let after = &rest[end + 4..];
        return after.strip_prefix('\n').unwrap_or(after);
    }
    text
}

const MONTHS: [[&str; 12]; 3] = [
    [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ],
    [
        "جانفي",
        "فيفري",
        "مارس",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
];

const OUTLETS: [&str; 8] = [
    "الوطن اليوم",
    "صدى العاصمة",
    "وكالة الشرق للأنباء",
    "النهار الجديد",
    "بوابة المغرب",
    "الرافدين نيوز",
    "الخليج الآن",
    "شبكة المتوسط",
];

const READ_ALSO: [&str; 3] = ["إقرأ أيضاً:", "اقرأ أيضا", "مقالات مشابهة"];

/// Writes digits of `n` in Western or Arabic-Indic form.
fn digits(n: u64, arabic_indic: bool) -> String {
    let s = n.to_string();
    if !arabic_indic {
        return s;
    }
    s.chars()
        .map(|c| char::from_u32('٠' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// Replaces every run of digits in `s` by a different number of similar size
/// (figures drift between outlets), keeping the digit system.
fn vary_figures(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, rng: &mut Rng| {
        if run.is_empty() {
            return;
        }
        let arabic = run.chars().any(|c| ('٠'..='٩').contains(&c));
        let len = run.chars().count().min(6) as u32;
        let lo = if len <= 1 { 1 } else { 10u64.pow(len - 1) };
        let n = lo + rng.next() % (lo * 9);
        out.push_str(&digits(n, arabic));
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || ('٠'..='٩').contains(&c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut run, &mut out, rng);
    out
}

/// One generated article of roughly `target_bytes` bytes.
pub fn article(pool: &Pool, seed: u64, target_bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(target_bytes + 1024);
    let outlet = OUTLETS[rng.below(OUTLETS.len())];
    text.push_str(&vary_figures(
        pool.headlines[rng.below(pool.headlines.len())].as_str(),
        &mut rng,
    ));
    text.push_str("\n\n");
    let family = rng.below(3);
    let arabic_indic = rng.below(3) == 0;
    let day = 1 + rng.below(28) as u64;
    let year = 2018 + rng.below(9) as u64;
    let month = MONTHS[family][rng.below(12)];
    text.push_str(&format!(
        "{}، {} {} {} ({})\n\n",
        ["القاهرة", "بيروت", "تونس", "بغداد", "الرباط", "عمّان"][rng.below(6)],
        digits(day, arabic_indic),
        month,
        digits(year, arabic_indic),
        outlet
    ));
    while text.len() < target_bytes {
        let sentences = 1 + rng.below(3);
        for i in 0..sentences {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(&vary_figures(
                pool.sentences[rng.below(pool.sentences.len())].as_str(),
                &mut rng,
            ));
        }
        text.push_str("\n\n");
    }
    text.push_str(&format!("المصدر: {outlet}\n"));
    if rng.below(4) == 0 {
        text.push('\n');
        text.push_str(READ_ALSO[rng.below(READ_ALSO.len())]);
        text.push_str("\n\n");
        text.push_str(pool.headlines[rng.below(pool.headlines.len())].as_str());
        text.push_str("\n\n");
        text.push_str(&vary_figures(
            pool.sentences[rng.below(pool.sentences.len())].as_str(),
            &mut rng,
        ));
        text.push('\n');
    }
    text
}

/// Writes a desk of `n` articles into `out`: `claimdesk.toml`, `articles/`
/// (100 articles a folder), and a copy of the rule files of `rules_src`.
/// Returns the total bytes of article text written.
pub fn write_desk(pool: &Pool, out: &Path, n: usize, rules_src: &Path) -> io::Result<u64> {
    fs::create_dir_all(out.join("articles"))?;
    fs::write(
        out.join("claimdesk.toml"),
        "# A generated benchmark desk.\narticles = [\"articles\"]\nrules = \"rules\"\n",
    )?;
    copy_rules(rules_src, &out.join("rules"))?;
    let mut total = 0u64;
    for i in 0..n {
        let dir = out.join("articles").join(format!("{:03}", i / 100));
        if i % 100 == 0 {
            fs::create_dir_all(&dir)?;
        }
        // Sizes vary from about 2.5 KB to 7.5 KB, 5 KB on average.
        let mut rng = Rng::new(i as u64 ^ 0xA5A5);
        let size = 2_500 + rng.below(5_000);
        let text = article(pool, i as u64, size);
        total += text.len() as u64;
        fs::write(dir.join(format!("{i:05}.txt")), text)?;
    }
    Ok(total)
}

pub fn copy_rules(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            copy_rules(&path, &to.join(&name))?;
        } else if name.ends_with(".toml") && !name.ends_with(".verdicts.toml") {
            fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}
