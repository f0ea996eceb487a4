//! Form plumbing shared by every form: the state of a form ([`Form`]: busy, the error box, the
//! field errors), its local checks, sending it, and the labelled fields.
//!
//! A form page keeps one signal per field, builds its request in the submit handler between
//! [`Form::begin`] and [`Form::locally_valid`], and hands it to [`Form::send`].

use std::collections::BTreeMap;
use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::ErrorBox;
use crate::i18n::{K, tr, use_i18n};
use crate::session::Session;

/// What is wrong with one form field.
#[derive(Debug, Clone, PartialEq)]
enum FieldMsg {
    /// Found by the page's own checks; translated when shown, so it follows the language switch.
    Local(K),
    /// The server's sentence from a 422's `details.fields`.
    Server(String),
}

/// The problems of a form, by field name (the server's field names).
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors(RwSignal<BTreeMap<String, FieldMsg>>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors(RwSignal::new(BTreeMap::new()))
    }

    pub fn clear(&self) {
        self.0.set(BTreeMap::new());
    }

    /// Records a local problem with `field`.
    pub fn local(&self, field: &str, key: K) {
        self.0.update(|m| {
            m.insert(field.to_owned(), FieldMsg::Local(key));
        });
    }

    /// Records the field problems of a 422 answer; `true` when there were any.
    pub fn from_server(&self, error: &ApiError) -> bool {
        let fields = error.field_errors();
        let any = !fields.is_empty();
        self.0.try_set(fields.into_iter().map(|(f, m)| (f, FieldMsg::Server(m))).collect());
        any
    }

    pub fn is_empty(&self) -> bool {
        self.0.with_untracked(BTreeMap::is_empty)
    }

    /// `aria-invalid` for `field`.
    pub fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync {
        move || self.0.with(|m| m.contains_key(field)).then_some("true")
    }

    /// `aria-invalid` for a field whose name is built at run time (`budget_lines[2].amount`).
    pub fn invalid_at(self, field: String) -> impl Fn() -> Option<&'static str> + Send + Sync {
        move || self.0.with(|m| m.contains_key(&field)).then_some("true")
    }

    /// The error paragraph for a field whose name is built at run time.
    pub fn view_at(self, field: String) -> impl IntoView {
        let i18n = use_i18n();
        move || {
            self.0.with(|m| m.get(&field).cloned()).map(|msg| {
                let text = match msg {
                    FieldMsg::Local(k) => i18n.t(k).to_owned(),
                    FieldMsg::Server(s) => s,
                };
                view! {
                    <p class="field-error" id=format!("{field}-error") data-testid="field-error" data-field=field.clone()>
                        {text}
                    </p>
                }
            })
        }
    }

    /// The error paragraph for `field`, with id `<field>-error` for `aria-describedby`.
    pub fn view(self, field: &'static str) -> impl IntoView {
        let i18n = use_i18n();
        move || {
            self.0.with(|m| m.get(field).cloned()).map(|msg| {
                let text = match msg {
                    FieldMsg::Local(k) => i18n.t(k).to_owned(),
                    FieldMsg::Server(s) => s,
                };
                view! {
                    <p class="field-error" id=format!("{field}-error") data-testid="field-error" data-field=field>
                        {text}
                    </p>
                }
            })
        }
    }
}

impl Default for FieldErrors {
    fn default() -> Self {
        FieldErrors::new()
    }
}

/// Moves the keyboard focus to the first field marked invalid, once the marks are drawn, so
/// that the person (and their screen reader) lands on what needs fixing.
fn focus_first_invalid() {
    request_animation_frame(|| {
        let field = document().query_selector("[aria-invalid=\"true\"]").ok().flatten();
        if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    });
}

/// The state of one form: whether a submission is running, how the last one failed, and the
/// problems of its fields.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<ApiError>>,
    pub fields: FieldErrors,
}

impl Form {
    pub fn new() -> Form {
        Form { busy: RwSignal::new(false), failure: RwSignal::new(None), fields: FieldErrors::new() }
    }

    /// Starts handling a submit: the browser must not post the form itself, and a second click
    /// while the first submission runs is ignored (`false`). Otherwise the earlier errors go.
    pub fn begin(self, ev: &SubmitEvent) -> bool {
        ev.prevent_default();
        if self.busy.get_untracked() {
            return false;
        }
        self.clear();
        true
    }

    /// Forgets the errors of the last attempt.
    pub fn clear(self) {
        self.failure.set(None);
        self.fields.clear();
    }

    /// `value` trimmed, after recording whether it is missing or longer than `max` characters.
    pub fn require_text(self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fields.local(field, K::Required);
        } else if value.chars().count() > max {
            self.fields.local(field, K::ErrTooLong);
        }
        value.to_owned()
    }

    /// `value`, after recording that `field` is required when there is none (nothing chosen).
    pub fn require<T>(self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.fields.local(field, K::Required);
        }
        value
    }

    /// Whether the local checks found nothing wrong; when they did, the first invalid field
    /// gets the focus.
    pub fn locally_valid(self) -> bool {
        let valid = self.fields.is_empty();
        if !valid {
            focus_first_invalid();
        }
        valid
    }

    /// Runs `request` in the background with the form busy, and hands its answer to `on_ok`.
    /// A failure ends the session on a 401 (it has expired), then is shown: see [`Form::failed`].
    pub fn send<T: 'static>(
        self,
        session: Session,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            match request.await {
                Ok(answer) => on_ok(answer),
                Err(error) => {
                    if error.is_unauthorized() {
                        session.signed_out();
                    }
                    self.failed(error);
                }
            }
        });
    }

    /// Shows why a submission failed: the fields a 422 names are marked (and the first gets the
    /// focus), the error box appears and the form can be sent again. `try_set`, because the
    /// person may have left the page while the request ran.
    pub fn failed(self, error: ApiError) {
        if self.fields.from_server(&error) {
            focus_first_invalid();
        }
        self.failure.try_set(Some(error));
        self.busy.try_set(false);
    }

    /// The error box of the last failed submission, if any.
    pub fn error_box(self) -> impl IntoView {
        move || self.failure.get().map(|error| view! { <ErrorBox error /> })
    }
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

/// A label with the "required" mark.
#[component]
pub fn Label(
    /// The id of the input.
    field: &'static str,
    text: K,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    view! {
        <label for=field>
            {tr(text)}
            {if optional {
                view! { <span class="optional">" (" {tr(K::Optional)} ")"</span> }.into_any()
            } else {
                view! {
                    <span class="required" aria-hidden="true">" *"</span>
                }
                    .into_any()
            }}
        </label>
    }
}

/// A labelled text input (or textarea) bound to `value`, with its hint and error. The input's
/// id and name are `field`, the server's name for it, which is what ties the error to it.
#[component]
pub fn TextField(
    form: Form,
    field: &'static str,
    label: K,
    value: RwSignal<String>,
    /// A textarea of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    /// The `type` of a one-line input; `text` when not given.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    /// Not required: no `required` attribute, and "(optional)" in the label.
    #[prop(optional)]
    optional: bool,
    /// A sentence shown under the label, with id `<field>-hint`.
    #[prop(optional)]
    hint: Option<K>,
) -> impl IntoView {
    let described_by = match hint {
        Some(_) => format!("{field}-hint {field}-error"),
        None => format!("{field}-error"),
    };
    let maxlength = maxlength.map(|m| m.to_string());
    let on_input = move |ev| value.set(event_target_value(&ev));
    let input = match rows {
        Some(rows) => view! {
            <textarea
                id=field
                name=field
                rows=rows.to_string()
                class=class
                maxlength=maxlength
                required=!optional
                aria-invalid=form.fields.invalid(field)
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=field
                name=field
                type=kind.unwrap_or("text")
                class=class
                maxlength=maxlength
                autocomplete=autocomplete
                required=!optional
                aria-invalid=form.fields.invalid(field)
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <Label field text=label optional />
            {hint.map(|k| view! { <p class="hint" id=format!("{field}-hint")>{tr(k)}</p> })}
            {input}
            {form.fields.view(field)}
        </div>
    }
}

/// A labelled, required `<select>` bound to `value`: "Choose…" (the empty value), then
/// `options` as `(value, label in the current language)`.
#[component]
pub fn SelectField(
    form: Form,
    field: &'static str,
    label: K,
    value: RwSignal<String>,
    options: Vec<(String, Signal<String>)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <Label field text=label />
            <select
                id=field
                name=field
                required=true
                aria-invalid=form.fields.invalid(field)
                aria-describedby=format!("{field}-error")
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>
                    {tr(K::Choose)}
                </option>
                {options
                    .into_iter()
                    .map(|(option, text)| {
                        let chosen = option.clone();
                        view! {
                            <option value=option selected=move || value.with(|v| *v == chosen)>
                                {move || text.get()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {form.fields.view(field)}
        </div>
    }
}

/// The submit button, which says "Saving…" and is disabled while the form is busy, and the
/// link back to `cancel`.
#[component]
pub fn FormActions(form: Form, label: K, cancel: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-actions">
            <button type="submit" class="button" data-testid="submit" disabled=move || form.busy.get()>
                {move || if form.busy.get() { i18n.t(K::Saving) } else { i18n.t(label) }}
            </button>
            <a class="button secondary" href=cancel>
                {tr(K::Cancel)}
            </a>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(form: Form, field: &str) -> Option<FieldMsg> {
        form.fields.0.with_untracked(|m| m.get(field).cloned())
    }

    #[test]
    fn text_is_trimmed_and_checked_for_presence_and_length_in_characters() {
        let owner = Owner::new();
        owner.with(|| {
            let form = Form::new();
            assert_eq!(form.require_text("a", "  ééé ", 3), "ééé");
            assert_eq!(form.require_text("b", "   ", 3), "");
            assert_eq!(form.require_text("c", "abcd", 3), "abcd");
            assert_eq!(problem(form, "a"), None);
            assert_eq!(problem(form, "b"), Some(FieldMsg::Local(K::Required)));
            assert_eq!(problem(form, "c"), Some(FieldMsg::Local(K::ErrTooLong)));
            assert_eq!(form.require("d", None::<u8>), None);
            assert_eq!(form.require("e", Some(1)), Some(1));
            assert_eq!(problem(form, "d"), Some(FieldMsg::Local(K::Required)));
            assert_eq!(problem(form, "e"), None);
            form.clear();
            assert!(form.fields.is_empty());
        });
    }
}
