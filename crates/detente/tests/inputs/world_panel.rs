//! The state-year panel as scenarios see it: states named by ISO3 or COW code, figures chosen by
//! `as_of`, provenance on every world number, figures after `as_of` flagged, gaps with reasons,
//! and the example scenario of another region and year running with no data typed by hand.

use detente::experiment::{RunOptions, run_all};
use detente::scenario::{Provenance, Resolved, load_str};
use detente::world::{self, Figure};

const INDIA_PAKISTAN: &str =
    include_str!("../../../../scenarios/examples/india-pakistan-2001.toml");

fn load(text: &str) -> Resolved {
    load_str(text, "test.toml").unwrap_or_else(|d| panic!("{}", d.render()))
}

fn panel_scenario(as_of: &str, actors: &[&str], extra: &str) -> String {
    let mut s = format!(
        "format = 1\n[scenario]\nid = \"t\"\ntitle = \"t\"\nas_of = {as_of}\n[world]\ndata = \"panel\"\n{extra}\n"
    );
    for a in actors {
        s.push_str(&format!("[[actor]]\nid = \"{a}\"\n"));
    }
    s
}

fn world_year(r: &Resolved, id: &str) -> (i32, bool) {
    match &r.actor(id).unwrap().capability.as_ref().unwrap().provenance {
        Provenance::World {
            year: Some(y),
            after_as_of,
            ..
        } => (*y, *after_as_of),
        p => panic!("{id}: {p:?}"),
    }
}

#[test]
fn states_by_cow_code_take_the_figures_of_the_as_of_year() {
    let r = load(&panel_scenario("1999-05-01", &["750", "770"], ""));
    let ind = r.actor("750").unwrap();
    assert_eq!(ind.name, "India");
    let cap = ind.capability.as_ref().unwrap();
    // SIPRI 1999, current US$ m, exactly the panel's figure.
    assert_eq!(
        cap.value.point(),
        world::panel()
            .unwrap()
            .state("IND")
            .unwrap()
            .in_year(Figure::SipriMilex, 1999)
            .unwrap()
    );
    assert_eq!(world_year(&r, "750"), (1999, false));
    assert_eq!(world_year(&r, "770"), (1999, false));
    assert_eq!(cap.unit, "US$ m, 1999");
}

#[test]
fn the_capability_measure_reads_cinc_back_to_1816() {
    let r = load(&panel_scenario(
        "1913-06-28",
        &["GBR", "255", "300", "RUS"],
        "capability = \"cinc\"",
    ));
    // COW NMC v7, 1913: the UK 0.11274751 (as in the source file), Austria-Hungary by COW code.
    let gbr = r.actor("GBR").unwrap().capability.as_ref().unwrap();
    assert_eq!(gbr.value.point(), 0.11274751);
    assert_eq!(world_year(&r, "300"), (1913, false));
    assert_eq!(r.actor("300").unwrap().name, "Austria-Hungary");
    // No UNGA ideal points before 1946: the figure is absent, not zero.
    let de = r.actor("255").unwrap();
    assert!(de.world.as_ref().unwrap().unga_ideal_point_2024.is_none());
    assert!(
        de.world_figures
            .iter()
            .all(|f| f.figure.name != "unga_ideal_point")
    );
}

#[test]
fn a_state_outside_the_system_in_the_year_is_a_warning_and_a_gap() {
    let r = load(&panel_scenario("1913-06-28", &["UKR", "GBR"], ""));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.message.contains("UKR") && w.message.contains("not a member")),
        "{:?}",
        r.warnings
    );
    let ukr = r.actor("UKR").unwrap();
    assert!(ukr.capability.is_none());
    let gap = ukr.capability_gap.as_deref().unwrap();
    assert!(gap.contains("1913"), "{gap}");
}

#[test]
fn iceland_has_no_milex_in_any_year() {
    let r = load(&panel_scenario("2001-01-01", &["ISL", "NOR"], ""));
    let isl = r.actor("ISL").unwrap();
    assert!(isl.capability.is_none());
    assert!(isl.capability_gap.as_deref().unwrap().contains("ISL"));
    assert!(r.actor("NOR").unwrap().capability.is_some());
}

#[test]
fn unknown_codes_are_errors_with_a_suggestion() {
    let text = panel_scenario("2001-01-01", &["PAKK", "IND"], "");
    let err = load_str(&text, "t.toml").unwrap_err();
    let d = &err.items[0];
    assert!(
        d.message.contains("PAKK") && d.message.contains("state-year panel"),
        "{}",
        d.message
    );
    assert!(
        d.help.as_deref().unwrap_or("").contains("PAK"),
        "{:?}",
        d.help
    );
    // In the 2024 table a state outside it points to the panel.
    let text = text
        .replace("data = \"panel\"", "data = \"2024\"")
        .replace("PAKK", "PAK");
    let err = load_str(&text, "t.toml").unwrap_err();
    let help = err.items[0].help.clone().unwrap_or_default();
    assert!(help.contains("data = \"panel\""), "{help}");
}

#[test]
fn the_flagship_flags_its_2024_figures_as_after_as_of() {
    let r = load(detente::scenario::FLAGSHIP);
    let usa = r.actor("USA").unwrap();
    let milex = usa
        .world_figures
        .iter()
        .find(|f| f.figure.name == "milex")
        .unwrap();
    assert_eq!((milex.figure.year, milex.after_as_of), (2024, true));
    let cinc = usa
        .world_figures
        .iter()
        .find(|f| f.figure.name == "cinc")
        .unwrap();
    assert_eq!((cinc.figure.year, cinc.after_as_of), (2022, false));
    assert_eq!(world_year(&r, "USA"), (2024, true));
}

#[test]
fn the_india_pakistan_example_runs_on_panel_data_alone() {
    let r = load(INDIA_PAKISTAN);
    for id in ["IND", "PAK", "USA", "CHN", "RUS", "GBR"] {
        let a = r.actor(id).unwrap();
        assert!(a.capability.is_some(), "{id}");
        assert!(!a.world_figures.is_empty(), "{id}");
        assert!(
            a.world_figures
                .iter()
                .all(|f| f.figure.year <= 2001 && !f.after_as_of),
            "{id}: {:?}",
            a.world_figures
        );
    }
    let opts = RunOptions {
        seed: r.seed(),
        runs: 50,
        align_restarts: 200,
        ..RunOptions::default()
    };
    let res = run_all(&r, INDIA_PAKISTAN, &opts, &|_, _, _| {});
    assert!(res.errors.is_empty(), "{:?}", res.errors);
    assert!(res.decide.is_some());
    assert!(res.align.is_some());
    assert!(res.escalate.is_some());
    assert!(res.richardson.is_some());
}
