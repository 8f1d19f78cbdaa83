"""Actors inside one report: names, surnames, titles, kunyas and pronouns → one actor each."""

from __future__ import annotations

from presswatch.lang.names import compatible_names, name_key, parse_name
from presswatch.model import Actor
from tests.conftest import Analyse


def person(actors: list[Actor], surname: str) -> Actor:
    found = [a for a in actors if a.kind == "person" and a.name.endswith(surname)]
    assert len(found) == 1, [a.name for a in actors if a.kind == "person"]
    return found[0]


def texts(actor: Actor, kind: str | None = None) -> list[str]:
    return [m.text for m in actor.mentions if kind is None or m.kind == kind]


def test_transliterations_share_a_key() -> None:
    assert name_key("Mohammad Ismail Darwish") == name_key("Muhammed Ismail Dervish")
    assert name_key("Mohammad Ismail Darwish") == name_key("Mohamed Ismail Darwish")
    assert name_key("Khalil al-Hayya") == name_key("Khalil Al-Hayyeh")
    assert name_key("Seyyed") == name_key("Sayyid") == name_key("Sayyed")
    assert name_key("Ismail Haniyeh") != name_key("Mohammad Ismail Darwish")


def test_given_names_must_not_conflict() -> None:
    assert compatible_names(name_key("Muhammad Darwish"), name_key("Mohammad Ismail Darwish"))
    assert compatible_names(name_key("Darwish"), name_key("Mohammad Ismail Darwish"))
    assert not compatible_names(name_key("Ismail Haniyeh"), name_key("Mohammad Ismail Darwish"))
    assert not compatible_names(name_key("Yahya Sinwar"), name_key("Muhammad Deif"))
    assert not compatible_names(name_key("Ali Darwish"), name_key("Mohammad Ismail Darwish"))


def test_honorifics_and_kunya_come_apart_from_the_name() -> None:
    parsed = parse_name("Ayatollah Seyyed Ali Khamenei")
    assert parsed.name == "Ali Khamenei" and parsed.honorifics == ["Ayatollah", "Seyyed"]
    kunya = parse_name("Abu Ibrahim [Yahya] Sinwar")
    assert kunya.name == "Yahya Sinwar" and kunya.kunya == "Abu Ibrahim"


def test_surname_and_honorific_variants_resolve_to_one_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Ayatollah Seyyed Ali Khamenei met the visitors in Tehran on Monday. "
        "Ayatollah Khamenei told them the region had changed. Khamenei then left the hall."
    )
    leader = person(analysis.actors, "Khamenei")
    assert leader.name == "Ali Khamenei"
    assert len(texts(leader, "name") + texts(leader, "surname")) == 3


def test_surname_tagged_as_group_resolves_to_the_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Mohammad Ismail Darwish arrived in Doha on Sunday with a small delegation. "
        "Darwish met officials there. Later, Darwish said the talks had gone well."
    )
    darwish = person(analysis.actors, "Darwish")
    assert texts(darwish).count("Darwish") == 2
    assert not any(a.name == "Darwish" and a.kind != "person" for a in analysis.actors)


def test_apposition_binds_a_role_and_the_role_phrase_resolves_later(analyse: Analyse) -> None:
    analysis = analyse(
        "Khalil al-Hayya, the head of the movement's negotiating team, arrived in Cairo. "
        "The head of the negotiating team said the proposal needed more work."
    )
    hayya = person(analysis.actors, "al-Hayya")
    assert any("head of the movement's negotiating team" in r for r in hayya.roles)
    assert "The head of the negotiating team" in texts(hayya, "role")


def test_title_before_a_name_is_a_role_with_an_affiliation(analyse: Analyse) -> None:
    analysis = analyse(
        "Hamas spokesman Hazem Qassem said the talks would resume. Qassem spoke from Doha."
    )
    qassem = person(analysis.actors, "Qassem")
    assert qassem.roles == ["Hamas spokesman"]
    hamas = next(a for a in analysis.actors if a.name == "Hamas")
    assert qassem.affiliations == [hamas.id]


def test_relative_clause_binds_an_office(analyse: Analyse) -> None:
    analysis = analyse(
        "Mohammad Ismail Darwish, who heads the movement's Shura Council, was not in the room."
    )
    assert person(analysis.actors, "Darwish").roles == ["head of the movement's Shura Council"]


def test_kunya_in_brackets_becomes_an_alias(analyse: Analyse) -> None:
    analysis = analyse("Mourners recalled Abu Ibrahim [Yahya] Sinwar at the gathering in Gaza.")
    sinwar = person(analysis.actors, "Sinwar")
    assert sinwar.name == "Yahya Sinwar" and "Abu Ibrahim" in sinwar.aliases


def test_known_as_kunya_is_an_alias_not_a_new_person(analyse: Analyse) -> None:
    analysis = analyse("The statement named Muhammad Deif, known as Abu Khaled, as the commander.")
    deif = person(analysis.actors, "Deif")
    assert "Abu Khaled" in deif.aliases
    assert not any(a.name == "Abu Khaled" for a in analysis.actors)


def test_pronoun_resolves_to_the_salient_subject(analyse: Analyse) -> None:
    analysis = analyse(
        "Foreign Minister Abbas Araghchi arrived in Muscat on Saturday. "
        "He met his Omani counterpart for two hours."
    )
    assert "He" in texts(person(analysis.actors, "Araghchi"), "pronoun")


def test_pronoun_without_candidate_stays_unresolved(analyse: Analyse) -> None:
    analysis = analyse("The ministry published its figures on Monday. He did not comment.")
    assert all("He" not in texts(a, "pronoun") for a in analysis.actors)


def test_indefinite_role_phrase_is_a_new_person_not_the_known_spokesman(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "Hamas spokesman Hazem Qassem spoke in Doha. A spokesman for the Red Cross said "
        "the handover had been completed."
    )
    qassem = person(analysis.actors, "Qassem")
    assert all("spokesman for" not in m.text for m in qassem.mentions)


def test_place_tagged_person_after_in_becomes_a_place(analyse: Analyse) -> None:
    analysis = analyse(
        "A Red Cross spokesman told reporters in Khan Younis that the handover went smoothly."
    )
    (place,) = [a for a in analysis.actors if a.name == "Khan Younis"]
    assert place.kind == "place"


def test_place_tagged_person_joined_to_a_city_becomes_a_place(analyse: Analyse) -> None:
    analysis = analyse("Aid reached families in Gaza City and Khan Younis on Monday.")
    (place,) = [a for a in analysis.actors if a.name == "Khan Younis"]
    assert place.kind == "place"


def test_person_named_elsewhere_stays_a_person_after_in(analyse: Analyse) -> None:
    analysis = analyse(
        "Ismail Haniyeh spoke to reporters on Monday. Much of the debate in Haniyeh's "
        "movement turned on the ceasefire."
    )
    assert person(analysis.actors, "Haniyeh").kind == "person"


def test_an_office_after_an_organisation_is_a_role_never_an_organisation(
    analyse: Analyse,
) -> None:
    found = analyse(
        "Hamas Leadership Council Head Mohammad Ismail Darwish met Iranian officials in "
        "Tehran on Saturday.\n\nThe Hamas Leadership Council Head said the resistance had "
        "won."
    )
    assert not [a for a in found.actors if a.name.endswith("Head")]
    darwish = person(found.actors, "Darwish")
    assert [q.speaker for q in found.quotes] == [darwish.id]
    council = next(a for a in found.actors if a.name == "Hamas Leadership Council")
    assert council.kind == "organization"


def test_a_report_names_its_protagonist_by_occupation_and_bare_surname(
    analyse: Analyse,
) -> None:
    found = analyse(
        "Fred LaRue, a Nixon campaign aide, was found dead in his motel room. Fred LaRue "
        "was 75. His wife, Joyce LaRue, said he had been ill.\n\nLaRue was questioned "
        "about the break-in. The aide later testified before the grand jury."
    )
    fred = next(a for a in found.actors if a.name == "Fred LaRue")
    joyce = next(a for a in found.actors if a.name == "Joyce LaRue")
    assert "LaRue" in texts(fred)
    assert "LaRue" not in texts(joyce)
    # An occupation he is not bound to ("the aide" is bound: a Nixon campaign aide).
    assert any(m.text.endswith("aide") for m in fred.mentions if m.kind == "role")


def test_a_description_before_the_protagonist_is_named_is_not_them(analyse: Analyse) -> None:
    found = analyse(
        "A man fired from his job opened fire at an office party on Friday. Police say the "
        "gunman walked in at 4 p.m. Sergeant Anna Kovac said officers arrived within "
        'minutes. "Nobody else was hurt," Kovac said.'
    )
    kovac = next(a for a in found.actors if a.name == "Anna Kovac")
    assert "the gunman" not in texts(kovac)
