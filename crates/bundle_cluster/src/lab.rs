//! The cluster lab page: nodes, pods, charts and controls over one engine run.
//!
//! The engine runs in a `requestAnimationFrame` loop: at 1x to 60x the frame steps as many
//! simulated seconds as wall time asks for; "as fast as possible" steps in chunks for about
//! 8 ms a frame, so the page stays responsive. After a frame that advanced the clock the view
//! models are read once (`lab_view`): the picture's keyed lists update in place, the charts are
//! redrawn once, new events are appended, and narration reaches the live region at most every
//! few seconds. The run's definition lives in the URL (`history.replaceState`).
//!
//! A run is recorded in the course's progress document (`progress::LabRun`: preset, strategy,
//! seed, seconds reached and the summary figures) when it reaches the preset's suggested end,
//! or when the learner starts over (Reset, another preset or strategy) after at least a minute
//! of simulated time. Pausing records nothing (the learner may go on); a run is recorded once.

mod chart;
mod controls;

use cluster_sim::scenario::{self, Toggles};
use cluster_sim::TickMetrics;
use lab_view::charts::ChartKind;
use lab_view::controls::StrategyForm;
use lab_view::params::{self, LabParams};
use lab_view::run::{EventRow, Lab, SummaryRow};
use lab_view::scene::Scene;
use leptos::html::Canvas;
use leptos::prelude::*;

use crate::picture::ClusterPicture;

/// Speeds offered (simulated seconds per wall-clock second); 0 = as fast as possible.
pub const SPEEDS: [u32; 6] = [1, 5, 10, 30, 60, 0];
/// Minutes the charts show.
pub const WINDOW_MIN: u32 = 10;
/// Least wall time between two live-region announcements, ms.
const LIVE_GAP_MS: f64 = 3000.0;
/// Most event rows added in one frame while playing.
const EVENTS_PER_FRAME: usize = 5;

/// The preset's texts, for its card.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    pub id: String,
    pub title: String,
    pub story: String,
    pub watch_for: String,
    pub question: String,
    pub seconds: u64,
    pub seed: u64,
    pub compare: Vec<String>,
}

/// The page's state: signals the views read, plus the engine (not reactive) and the loop's clocks.
#[derive(Clone, Copy)]
pub struct Ui {
    lab: StoredValue<Option<Lab>, LocalStorage>,
    pub params: RwSignal<LabParams>,
    pub info: RwSignal<Info>,
    pub problems: RwSignal<Vec<String>>,
    pub error: RwSignal<Option<String>>,
    pub scene: RwSignal<Scene>,
    pub clock: RwSignal<u64>,
    pub metrics: RwSignal<TickMetrics>,
    pub events: RwSignal<Vec<EventRow>>,
    pub live: RwSignal<String>,
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<u32>,
    pub compare_on: RwSignal<bool>,
    pub summaries: RwSignal<Vec<SummaryRow>>,
    pub form: RwSignal<StrategyForm>,
    pub toggles: RwSignal<Toggles>,
    pub chart_texts: RwSignal<Vec<String>>,
    pub compare_labels: RwSignal<Vec<String>>,
    charts: [NodeRef<Canvas>; 5],
    small: [NodeRef<Canvas>; 3],
    last_ts: StoredValue<f64>,
    debt: StoredValue<f64>,
    loop_gen: StoredValue<u32>,
    last_live: StoredValue<f64>,
    unsaid: StoredValue<Vec<String>>,
    frames: StoredValue<u32>,
    /// Bit i: chart i (0..5 the main charts, 5..8 the side-by-side ones) needs a redraw.
    dirty: StoredValue<u8>,
    /// The current run is in the progress document already.
    recorded: StoredValue<bool>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Replace the query string, keeping the path (the app's router does not react to this).
fn write_url(query: &str) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
        );
    }
}

impl Ui {
    fn new() -> Ui {
        Ui {
            lab: StoredValue::new_local(None),
            params: RwSignal::new(LabParams::default()),
            info: RwSignal::new(Info::default()),
            problems: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            scene: RwSignal::new(Scene::default()),
            clock: RwSignal::new(0),
            metrics: RwSignal::new(TickMetrics::default()),
            events: RwSignal::new(Vec::new()),
            live: RwSignal::new(String::new()),
            playing: RwSignal::new(false),
            speed: RwSignal::new(10),
            compare_on: RwSignal::new(false),
            summaries: RwSignal::new(Vec::new()),
            form: RwSignal::new(StrategyForm::from_strategy(
                &scenario::Strategy::Scenario,
                &placeholder_scenario(),
            )),
            toggles: RwSignal::new(Toggles::safe()),
            chart_texts: RwSignal::new(vec![String::new(); 5]),
            compare_labels: RwSignal::new(Vec::new()),
            charts: std::array::from_fn(|_| NodeRef::new()),
            small: std::array::from_fn(|_| NodeRef::new()),
            last_ts: StoredValue::new(0.0),
            debt: StoredValue::new(0.0),
            loop_gen: StoredValue::new(0),
            last_live: StoredValue::new(-LIVE_GAP_MS),
            unsaid: StoredValue::new(Vec::new()),
            frames: StoredValue::new(0),
            dirty: StoredValue::new(0),
            recorded: StoredValue::new(false),
        }
    }

    /// Build the run `params` describe (reporting bad values), write the URL, show it.
    pub fn restart(&self, params: LabParams, extra: Vec<String>) {
        // Starting over: the run that ends here is kept if it lasted a minute.
        self.record_run();
        self.recorded.set_value(false);
        let mut problems = extra;
        let resolved = match params::resolve(params, &mut problems) {
            Ok(r) => r,
            Err(e) => {
                self.error
                    .set(Some(format!("This preset could not be loaded: {e}")));
                return;
            }
        };
        let s = &resolved.scenario;
        self.info.set(Info {
            id: s.id.clone(),
            title: s.title.clone(),
            story: s.story.clone(),
            watch_for: s.watch_for.clone(),
            question: s.question.clone(),
            seconds: s.seconds,
            seed: resolved.seed,
            compare: resolved.compare.iter().map(|(l, _)| l.clone()).collect(),
        });
        self.form
            .set(StrategyForm::from_strategy(&resolved.strategy, s));
        self.toggles
            .set(resolved.toggles.clone().unwrap_or_else(|| Toggles::of(s)));
        let mut p = resolved.params.clone();
        p.seed = Some(resolved.seed);
        let compare_on = p.compare.is_some();
        self.compare_on.set(compare_on);
        let scenario_seed = s.seed;
        match Lab::new(resolved, compare_on) {
            Ok(mut lab) => {
                self.events.set(Vec::new());
                self.unsaid.set_value(Vec::new());
                self.live.set(String::new());
                self.last_live.set_value(now_ms());
                self.compare_labels
                    .set(lab.others.iter().map(|r| r.label.clone()).collect());
                let rows = lab.main.new_events();
                // What the fast-forward (`t=`) last said, shown but not news.
                if let Some(last) = lab.last_said.take() {
                    self.live.set(last);
                }
                self.lab.set_value(Some(lab));
                self.error.set(None);
                self.append_events(rows);
            }
            Err(e) => {
                self.lab.set_value(None);
                self.error
                    .set(Some(format!("This run could not be built: {e}")));
            }
        }
        write_url(&p.to_query(scenario_seed));
        self.params.set(p);
        self.problems.set(problems);
        self.debt.set_value(0.0);
        self.refresh(true);
    }

    /// Change the params with `f` and start over from 0:00 (a new run, same play state).
    pub fn change(&self, f: impl FnOnce(&mut LabParams)) {
        let mut p = self.params.get_untracked();
        f(&mut p);
        p.t = 0;
        self.restart(p, Vec::new());
    }

    fn append_events(&self, rows: Vec<EventRow>) {
        if rows.is_empty() {
            return;
        }
        self.events.update(|list| {
            for r in rows {
                list.insert(0, r);
            }
            list.truncate(lab_view::run::EVENT_ROWS);
        });
    }

    /// Advance the runs by `n` seconds.
    pub fn advance(&self, n: u64) {
        self.lab.update_value(|l| {
            if let Some(l) = l {
                l.step_n(n);
            }
        });
    }

    /// Read the view models after the clock moved (once per frame at most).
    pub fn refresh(&self, force: bool) {
        let frames = self.frames.get_value().wrapping_add(1);
        self.frames.set_value(frames);
        let compare_on = self.compare_on.get_untracked();
        let out = self.lab.try_update_value(|l| {
            let l = l.as_mut()?;
            let scene = l.main.scene();
            let events = l.main.new_events();
            let said = l.main.new_narration();
            let rows = (compare_on && (force || frames.is_multiple_of(10))).then(|| l.summaries());
            Some((
                scene,
                l.main.elapsed(),
                l.main.metrics(),
                events,
                said,
                rows,
            ))
        });
        let Some(Some((scene, clock, metrics, mut events, said, rows))) = out else {
            return;
        };
        if self.scene.with_untracked(|s| *s != scene) {
            self.scene.set(scene);
        }
        self.clock.set(clock);
        self.metrics.set(metrics);
        // A busy tick can repeat dozens of events: the log takes the newest few per frame.
        if !force && events.len() > EVENTS_PER_FRAME {
            events.drain(..events.len() - EVENTS_PER_FRAME);
        }
        self.append_events(events);
        if let Some(rows) = rows {
            self.summaries.set(rows);
        }
        // Charts are redrawn one per frame (all at once when forced), so no frame draws five.
        self.dirty.set_value(u8::MAX);
        if force {
            while self.draw_next_chart() {}
        }
        self.unsaid.update_value(|u| u.extend(said));
        let now = now_ms();
        if force || now - self.last_live.get_value() >= LIVE_GAP_MS {
            let unsaid = std::mem::take(&mut *self.unsaid.write_value());
            if !unsaid.is_empty() {
                let skip = unsaid.len().saturating_sub(2);
                self.live.set(unsaid[skip..].join(" "));
                self.last_live.set_value(now);
            }
        }
    }

    /// Draw the next chart that is out of date; false when none is.
    fn draw_next_chart(&self) -> bool {
        let dirty = self.dirty.get_value();
        let compare_on = self.compare_on.get_untracked();
        let Some(i) = (0..8u8).find(|i| dirty & (1 << i) != 0 && (*i < 5 || compare_on)) else {
            self.dirty.set_value(0);
            return false;
        };
        self.dirty.set_value(dirty & !(1 << i));
        let i = i as usize;
        let dark = chart::dark_mode();
        let text = self
            .lab
            .try_with_value(|l| {
                let l = l.as_ref()?;
                if i < 5 {
                    let c = l.main.chart(ChartKind::ALL[i], WINDOW_MIN);
                    if let Some(canvas) = self.charts[i].get_untracked() {
                        chart::draw(&canvas, &c, dark);
                    }
                    Some(c.text)
                } else {
                    let r = l.others.get(i - 5)?;
                    if let Some(canvas) = self.small[i - 5].get_untracked() {
                        chart::draw(
                            &canvas,
                            &r.chart(ChartKind::LoadCapacity, WINDOW_MIN * 3),
                            dark,
                        );
                    }
                    None
                }
            })
            .flatten();
        if let Some(t) = text {
            if self.chart_texts.with_untracked(|v| v[i] != t) {
                self.chart_texts.update(|v| v[i] = t);
            }
        }
        true
    }

    /// Start or stop the frame loop.
    pub fn set_playing(&self, on: bool) {
        if on == self.playing.get_untracked() {
            return;
        }
        self.playing.set(on);
        let gen = self.loop_gen.get_value().wrapping_add(1);
        self.loop_gen.set_value(gen);
        if on {
            self.last_ts.set_value(now_ms());
            let ui = *self;
            request_animation_frame(move || ui.frame(gen));
        } else {
            while self.draw_next_chart() {}
            self.mark_time();
        }
    }

    /// Put the current time in the URL (`t=`), so a link opens this moment.
    fn mark_time(&self) {
        let t = self.clock.get_untracked();
        self.params.update(|p| p.t = t);
        let seed = self.info.with_untracked(|i| i.seed);
        write_url(&self.params.with_untracked(|p| p.to_query(seed)));
    }

    /// One simulated second, then show it (the Step button).
    pub fn step_once(&self) {
        self.set_playing(false);
        self.advance(1);
        self.refresh(true);
        self.mark_time();
    }

    fn frame(self, gen: u32) {
        // The page was unmounted (signals disposed) or the loop was restarted: stop.
        if self.playing.try_get_untracked() != Some(true) || self.loop_gen.get_value() != gen {
            return;
        }
        let now = now_ms();
        let dt = (now - self.last_ts.get_value()).clamp(0.0, 250.0);
        self.last_ts.set_value(now);
        let speed = self.speed.get_untracked();
        let before = self.clock.get_untracked();
        let mut stepped = 0u64;
        if speed == 0 {
            let deadline = now + 8.0;
            while stepped < 3600 && now_ms() < deadline {
                self.advance(10);
                stepped += 10;
            }
        } else {
            let debt = self.debt.get_value() + dt / 1000.0 * speed as f64;
            let n = debt.floor();
            self.debt.set_value(debt - n);
            if n >= 1.0 {
                stepped = n as u64;
                self.advance(stepped);
            }
        }
        if stepped > 0 {
            self.refresh(false);
            // Pause once at the preset's suggested end.
            let end = self.info.with_untracked(|i| i.seconds);
            if before < end && self.clock.get_untracked() >= end {
                self.set_playing(false);
                self.record_run();
                self.live.set(format!(
                    "The preset's {} minutes are over and the run is in your progress; press Play to keep going.",
                    end / 60
                ));
                return;
            }
        }
        self.draw_next_chart();
        request_animation_frame(move || self.frame(gen));
    }
}

fn placeholder_scenario() -> scenario::Scenario {
    scenario::find("hpa-50")
        .and_then(Result::ok)
        .or_else(|| scenario::builtin().ok().and_then(|l| l.into_iter().next()))
        .expect("the presets are embedded and tested")
}

/// The lab, started from the page's query string (`?scenario=hpa-50&seed=7`).
#[component]
pub fn LabPage(query: String) -> impl IntoView {
    let ui = Ui::new();
    let (params, problems) = LabParams::parse(&query);
    // Build after the canvases exist, so the first frame draws the charts.
    request_animation_frame(move || {
        if ui.playing.try_get_untracked().is_some() {
            ui.restart(params, problems);
        }
    });
    let narrow = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .is_some_and(|w| w < 700.0);
    view! { <LabView ui=ui setup_open=!narrow /> }
}

#[component]
fn LabView(ui: Ui, setup_open: bool) -> impl IntoView {
    let info = ui.info;
    let clock_text = move || {
        let c = ui.clock.get();
        let end = info.with(|i| i.seconds);
        format!("{} / {}", lab_view::clock(c), lab_view::clock(end))
    };
    view! {
        <div class="lab" data-testid="lab">
            <div class="lab-problems" role="status" hidden=move || ui.problems.with(Vec::is_empty) data-testid="lab-problems">
                <p><strong>"Some settings in the link were not used:"</strong></p>
                <ul>{move || ui.problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
            <p class="lab-error" role="alert" hidden=move || ui.error.with(Option::is_none)>
                {move || ui.error.get().unwrap_or_default()}
            </p>
            <controls::PresetCard ui=ui />
            <div class="lab-bar-controls" role="group" aria-label="Run controls">
                <button
                    type="button"
                    class="lab-play"
                    data-testid="lab-play"
                    on:click=move |_| ui.set_playing(!ui.playing.get_untracked())
                >
                    {move || if ui.playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" data-testid="lab-step" on:click=move |_| ui.step_once()>
                    "Step 1 s"
                </button>
                <label class="lab-inline">
                    "Speed "
                    <select
                        data-testid="lab-speed"
                        on:change=move |ev| {
                            ui.speed.set(event_target_value(&ev).parse().unwrap_or(10));
                            ui.debt.set_value(0.0);
                        }
                    >
                        {SPEEDS
                            .iter()
                            .map(|s| {
                                let s = *s;
                                view! {
                                    <option value=s.to_string() selected=move || ui.speed.get() == s>
                                        {if s == 0 { "as fast as possible".to_string() } else { format!("{s}x") }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    data-testid="lab-reset"
                    on:click=move |_| ui.change(|_| {})
                >
                    "Reset"
                </button>
                <span class="lab-clock" data-testid="lab-clock" role="timer" aria-label="Time since the load started">
                    {clock_text}
                </span>
            </div>
            <p class="lab-help">
                "Play runs the simulated cluster; each simulated second the load sends requests, the kubelet, scheduler and autoscalers act. Step advances one second."
            </p>
            <p class="lab-live" role="status" aria-live="polite" data-testid="lab-live">
                {move || ui.live.get()}
            </p>
            <ClusterPicture scene=ui.scene.into() />
            <section class="lab-charts" aria-label="Charts">
                {ChartKind::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| view! { <ChartCard ui=ui index=i kind=k /> })
                    .collect_view()}
            </section>
            <controls::Setup ui=ui open=setup_open />
            <controls::Compare ui=ui />
            <EventLog ui=ui />
        </div>
    }
}

/// The legend entries of each chart: (label, palette index).
fn legend(kind: ChartKind) -> &'static [(&'static str, usize)] {
    match kind {
        ChartKind::LoadCapacity => &[("load", 0), ("ready capacity", 1)],
        ChartKind::Replicas => &[("desired", 3), ("current", 4), ("ready", 1), ("nodes", 5)],
        ChartKind::Cpu => &[("CPU % of request", 0), ("HPA target ±10 %", 1)],
        ChartKind::Latency => &[("p50", 0), ("p95", 2), ("dropped+failed req/s", 6)],
        ChartKind::Cost => &[("cost", 5)],
    }
}

#[component]
fn ChartCard(ui: Ui, index: usize, kind: ChartKind) -> impl IntoView {
    let text = move || {
        ui.chart_texts
            .with(|t| t.get(index).cloned().unwrap_or_default())
    };
    view! {
        <figure class="lab-chart" data-testid=format!("chart-{}", kind.id())>
            <figcaption>{kind.title()}</figcaption>
            <canvas node_ref=ui.charts[index] role="img" aria-label=text></canvas>
            <ul class="lab-chart-legend" aria-hidden="true">
                {legend(kind)
                    .iter()
                    .map(|(l, c)| view! { <li><span class=format!("lab-swatch lab-swatch--{c}")></span>{*l}</li> })
                    .collect_view()}
            </ul>
            <p class="visually-hidden" data-testid=format!("chart-text-{}", kind.id())>{text}</p>
        </figure>
    }
}

#[component]
fn EventLog(ui: Ui) -> impl IntoView {
    view! {
        <section class="lab-events card" aria-labelledby="lab-events-h">
            <h2 id="lab-events-h">"Events "<span class="lab-muted">"(like kubectl get events, newest first)"</span></h2>
            <div class="lab-events-scroll" tabindex="0" role="region" aria-label="Event log">
                <table data-testid="lab-events">
                    <thead>
                        <tr><th scope="col">"Time"</th><th scope="col">"Type"</th><th scope="col">"Reason"</th><th scope="col">"Object"</th><th scope="col">"Message"</th></tr>
                    </thead>
                    <tbody>
                        <For each=move || ui.events.get() key=|e| e.seq let:e>
                            <tr class:lab-warning=e.warning>
                                <td>{e.time}</td>
                                <td>{if e.warning { "Warning" } else { "Normal" }}</td>
                                <td>{e.reason}</td>
                                <td class="lab-mono">{e.object}</td>
                                <td>{e.message}{(e.count > 1).then(|| format!(" (x{})", e.count))}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

impl Ui {
    /// For the controls: the canvas of side-by-side run `i`.
    pub fn small_canvas(&self, i: usize) -> NodeRef<Canvas> {
        self.small[i]
    }

    /// Records the current run in the progress document, once, if it lasted at least a minute
    /// of simulated time (see the module's documentation).
    fn record_run(&self) {
        let seconds = self.clock.get_untracked();
        if self.recorded.get_value() || seconds < 60 {
            return;
        }
        let Some(row) = self.with_lab(|l| l.main.summary()) else {
            return;
        };
        self.recorded.set_value(true);
        let info = self.info.get_untracked();
        let run = progress::LabRun {
            scenario: info.id,
            strategy: row.label,
            seed: info.seed,
            seconds,
            p95_ms: row.p95_ms,
            dropped: row.dropped,
            peak_pods: row.peak_pods,
            peak_nodes: row.peak_nodes,
            cost: row.cost,
        };
        if let Err(sentence) = mlops_scaling::state::progress::update(|d| {
            d.record_lab_run(run);
            Ok(())
        }) {
            self.live.set(sentence);
        }
    }

    /// The lab's engine, for the controls that change a run in place.
    pub fn with_lab<R>(&self, f: impl FnOnce(&mut Lab) -> R) -> Option<R> {
        self.lab.try_update_value(|l| l.as_mut().map(f)).flatten()
    }
}
