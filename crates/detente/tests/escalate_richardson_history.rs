//! The annual Richardson fit on the bundled spending history: the validation numbers of
//! docs/escalate-richardson.md, recomputed and pinned.

use detente::escalate::richardson::validation::{
    ForecastSettings, RaceSettings, forecast_skill, race_discrimination,
};

#[test]
fn print_validation() {
    let r = race_discrimination(RaceSettings::default()).unwrap();
    println!(
        "races {} fitted {} controls {}",
        r.races_listed, r.races_fitted, r.controls_fitted
    );
    println!("auc p_unstable {:?}", r.auc_p_unstable);
    println!("auc reaction {:?}", r.auc_reaction);
    println!("auc relative {:?}", r.auc_relative_reaction);
    let f = forecast_skill(ForecastSettings::default()).unwrap();
    println!(
        "dyads {} forecasts {} failed {}",
        f.dyads, f.forecasts, f.failed_fits
    );
    for s in &f.skill {
        println!("{s:?}");
    }
}
