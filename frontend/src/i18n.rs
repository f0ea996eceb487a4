//! Every user-visible string of the SPA, in English and French (ISO's working languages).
//!
//! Strings are addressed by the [`K`] enum, and the table that defines the enum also holds both
//! translations, so a key without a translation, or a typo in a key, is a compile error rather
//! than an empty label in production. Domain labels (roles, themes, statuses, income levels...)
//! map the wire enums of `api-types` onto keys with exhaustive matches, so a new variant on the
//! wire fails the build here until it has a label. Sentences with numbers in them are small
//! functions at the end of the module.

use api_types::Role;
use api_types::assessments::{AnswerKind, RequestStatus, Urgency};
use api_types::funding::{ContributionStatus, DonorType};
use api_types::membership::{IncomeLevel, MemberCategory};
use api_types::projects::{BudgetCategory, DeliveryMethod, ProjectStatus, Theme};
use leptos::prelude::*;

/// The language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// BCP 47 tag, used for `<html lang>` and in localStorage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The language's own name, shown on the switch (never translated, so people can find theirs).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// Picks the English or the French variant of a bilingual value from the API.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr if fr.is_empty() => en,
            Lang::Fr => fr,
        }
    }
}

/// Defines [`K`] and its table in one place, so each key carries both languages.
macro_rules! keys {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A translatable string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum K {
            $($key,)*
        }

        impl K {
            /// The text of this key in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (K::$key, Lang::En) => $en,
                        (K::$key, Lang::Fr) => $fr,
                    )*
                }
            }
        }
    };
}

keys! {
    // Shell
    AppName => "Trellis", "Trellis";
    Tagline => "Technical assistance for developing countries", "Assistance technique aux pays en développement";
    SkipToContent => "Skip to content", "Aller au contenu";
    MainNavLabel => "Main navigation", "Navigation principale";
    SignIn => "Sign in", "Se connecter";
    SignOut => "Sign out", "Se déconnecter";
    SigningOut => "Signing out…", "Déconnexion…";
    SignedInAs => "Signed in as", "Connecté en tant que";
    Language => "Language", "Langue";
    Loading => "Loading…", "Chargement…";
    Retry => "Try again", "Réessayer";
    Previous => "Previous", "Précédent";
    Next => "Next", "Suivant";
    Pagination => "Pagination", "Pagination";
    DownloadCsv => "Download CSV", "Télécharger en CSV";
    Yes => "Yes", "Oui";
    No => "No", "Non";
    Demo => "demo", "démo";
    DemoTitle => "Generated demo data, not a real record", "Données de démonstration générées, pas un enregistrement réel";
    NotAllowedTitle => "Not allowed", "Accès non autorisé";
    NotAllowedBody => "This page is not available to your role:", "Cette page n'est pas accessible à votre rôle :";
    NotFoundTitle => "Page not found", "Page introuvable";
    NotFoundBody => "There is no page at this address.", "Il n'y a pas de page à cette adresse.";
    BackHome => "Back to the home page", "Retour à l'accueil";
    Footer => "Trellis · technical-assistance programme for developing countries", "Trellis · programme d'assistance technique aux pays en développement";
    ErrorTitle => "Something went wrong", "Une erreur s'est produite";
    Filters => "Filters", "Filtres";
    ClearFilters => "Clear filters", "Effacer les filtres";
    Search => "Search", "Rechercher";
    Cancel => "Cancel", "Annuler";
    Saving => "Saving…", "Enregistrement…";
    Choose => "Choose…", "Choisir…";
    Required => "This field is required.", "Ce champ est obligatoire.";
    FixErrors => "Please correct the fields marked below.", "Veuillez corriger les champs signalés ci-dessous.";
    RequiredMark => "required", "obligatoire";
    Optional => "optional", "facultatif";

    // Navigation
    NavHome => "Home", "Accueil";
    NavCountries => "Countries", "Pays";
    NavFundable => "Fundable work", "Projets à financer";
    NavDonorProfile => "Donor profile", "Profil du donateur";
    NavContribute => "Contribute", "Contribuer";
    NavOrganisation => "My organisation", "Mon organisation";
    NavProposals => "Proposals", "Propositions";
    NavIctSupport => "ICT support", "Soutien TIC";
    NavMembers => "Members", "Membres";
    NavDonors => "Donors", "Donateurs";
    NavIctRequests => "ICT requests", "Demandes TIC";
    NavApiDocs => "API docs", "Documentation de l'API";
    NavProjects => "Projects", "Projets";
    NavSystem => "System health", "État du système";

    // What each section is for (home page cards)
    DescCountries => "Reference data: income levels, developing status and liaison regions.", "Données de référence : niveaux de revenu, statut de pays en développement et régions de liaison.";
    DescFundable => "Approved projects waiting for funding.", "Projets approuvés en attente de financement.";
    DescContribute => "Unmet need per region, a pledge with an earmark, and your contributions and statement.", "Les besoins non couverts par région, une promesse de don affectée, vos contributions et votre relevé.";
    DescDonorProfile => "Your donor record.", "La fiche de votre organisation donatrice.";
    DescOrganisation => "Your national standards body's record.", "La fiche de votre organisme national de normalisation.";
    DescProposals => "Technical-assistance project proposals and their status.", "Propositions de projets d'assistance technique et leur statut.";
    DescIctSupport => "Your ICT support requests and the assessment questionnaire.", "Vos demandes de soutien TIC et le questionnaire d'évaluation.";
    DescMembers => "National standards bodies, their category and region.", "Les organismes nationaux de normalisation, leur catégorie et leur région.";
    DescDonors => "Development agencies, governments, foundations and member bodies that fund the programme.", "Agences de développement, gouvernements, fondations et comités membres qui financent le programme.";
    DescIctRequests => "ICT support requests sent by members.", "Demandes de soutien TIC envoyées par les membres.";
    DescApiDocs => "The browsable reference of the public API.", "La référence consultable de l'API publique.";
    DescProjects => "All technical-assistance projects, read-only.", "Tous les projets d'assistance technique, en lecture seule.";
    DescSystem => "Each service's status and response time.", "L'état et le temps de réponse de chaque service.";
    DescSignIn => "Sign in with the account the secretariat gave you.", "Connectez-vous avec le compte fourni par le secrétariat.";

    // Roles
    RoleDonor => "Donor", "Donateur";
    RoleMember => "Member", "Membre";
    RoleStaff => "Staff", "Secrétariat";
    RoleCommittee => "Committee", "Comité";
    RoleAdmin => "Administrator", "Administrateur";

    // Home
    HomeTitle => "Welcome to Trellis", "Bienvenue sur Trellis";
    HomePublic => "Trellis runs the technical-assistance programme for developing countries: donors fund projects, national standards bodies request support and propose projects, the secretariat reviews them and allocates the funds, and a monitoring committee follows the results.", "Trellis gère le programme d'assistance technique aux pays en développement : les donateurs financent des projets, les organismes nationaux de normalisation demandent un soutien et proposent des projets, le secrétariat les examine et répartit les fonds, et un comité de suivi en mesure les résultats.";
    HomeSignInPrompt => "Sign in to reach your section.", "Connectez-vous pour accéder à votre espace.";
    HomeDonor => "As a donor, you can browse the work waiting for funding, check your donor profile and follow where your contributions go.", "En tant que donateur, vous pouvez parcourir les projets en attente de financement, consulter votre profil et suivre l'utilisation de vos contributions.";
    HomeMember => "As a national standards body, you can keep your organisation's record up to date, propose technical-assistance projects and request ICT support.", "En tant qu'organisme national de normalisation, vous pouvez tenir à jour la fiche de votre organisation, proposer des projets d'assistance technique et demander un soutien TIC.";
    HomeStaff => "As a programme officer, you review proposals, manage members and donors and follow ICT support requests.", "En tant que chargé de programme, vous examinez les propositions, gérez les membres et les donateurs et suivez les demandes de soutien TIC.";
    HomeCommittee => "As a member of the monitoring committee, you can read the members, projects and donors of the programme. Nothing here changes money or status.", "En tant que membre du comité de suivi, vous pouvez consulter les membres, les projets et les donateurs du programme. Rien ici ne modifie les fonds ni les statuts.";
    HomeAdmin => "As the platform operator, you watch the health of the services and the reference data.", "En tant qu'exploitant de la plateforme, vous surveillez l'état des services et les données de référence.";
    HomeSections => "Your sections", "Vos rubriques";

    // Sign-in
    SignInTitle => "Sign in to Trellis", "Connexion à Trellis";
    SignInRequired => "Please sign in to open that page.", "Veuillez vous connecter pour ouvrir cette page.";
    Email => "Email", "Adresse e-mail";
    Password => "Password", "Mot de passe";
    SigningIn => "Signing in…", "Connexion…";
    AlreadySignedIn => "You are signed in.", "Vous êtes connecté.";
    DemoAccounts => "Demo accounts", "Comptes de démonstration";
    DemoAccountsIntro => "These accounts exist only in the demo data. They all use the password", "Ces comptes n'existent que dans les données de démonstration. Ils utilisent tous le mot de passe";
    UseAccount => "Use this account", "Utiliser ce compte";

    // Errors
    ErrInvalidCredentials => "Wrong email or password.", "Adresse e-mail ou mot de passe incorrect.";
    ErrUnauthorized => "Your session has ended. Please sign in again.", "Votre session a expiré. Veuillez vous reconnecter.";
    ErrForbidden => "Your role may not do this.", "Votre rôle ne permet pas cette action.";
    ErrCsrf => "Your session token is out of date. Reload the page and try again.", "Le jeton de session n'est plus valide. Rechargez la page et réessayez.";
    ErrNotFound => "This record does not exist.", "Cet enregistrement n'existe pas.";
    ErrValidation => "Some fields are not valid.", "Certains champs ne sont pas valides.";
    ErrNetwork => "The server could not be reached. Check your connection and try again.", "Le serveur est injoignable. Vérifiez votre connexion et réessayez.";
    ErrInternal => "Something went wrong on the server. Try again in a moment.", "Une erreur s'est produite sur le serveur. Réessayez dans un instant.";
    ErrDecode => "The server sent an answer this page does not understand.", "Le serveur a envoyé une réponse que cette page ne comprend pas.";
    ErrTooLong => "This text is too long.", "Ce texte est trop long.";
    ErrCountryCode => "Use a two-letter ISO code, e.g. CH.", "Utilisez un code ISO à deux lettres, par ex. CH.";

    // Countries
    CountriesTitle => "Countries and territories", "Pays et territoires";
    CountriesIntro => "Reference data from the UN M49 classification, the World Bank income groups and the UN lists of least developed, landlocked and small island developing countries.", "Données de référence issues de la classification M49 des Nations Unies, des groupes de revenu de la Banque mondiale et des listes onusiennes des pays les moins avancés, sans littoral et insulaires en développement.";
    ColName => "Name", "Nom";
    ColIso => "ISO code", "Code ISO";
    ColM49Region => "M49 region", "Région M49";
    ColIncome => "Income level", "Niveau de revenu";
    ColDeveloping => "Developing", "En développement";
    ColGroups => "Groups", "Groupes";
    ColLiaisonRegion => "Liaison region", "Région de liaison";
    AllRegions => "All regions", "Toutes les régions";
    DevelopingOnly => "Developing countries only", "Pays en développement uniquement";
    SearchPlaceholder => "Name or code", "Nom ou code";
    NoCountries => "No country matches these filters.", "Aucun pays ne correspond à ces filtres.";
    Ldc => "LDC", "PMA";
    LdcTitle => "Least developed country", "Pays le moins avancé";
    Lldc => "LLDC", "PDSL";
    LldcTitle => "Landlocked developing country", "Pays en développement sans littoral";
    Sids => "SIDS", "PEID";
    SidsTitle => "Small island developing state", "Petit État insulaire en développement";
    IncomeLow => "Low income", "Faible revenu";
    IncomeLowerMiddle => "Lower-middle income", "Revenu intermédiaire inférieur";
    IncomeUpperMiddle => "Upper-middle income", "Revenu intermédiaire supérieur";
    IncomeHigh => "High income", "Revenu élevé";
    NotClassified => "Not classified", "Non classé";
    M49Africa => "Africa", "Afrique";
    M49Americas => "Americas", "Amériques";
    M49Asia => "Asia", "Asie";
    M49Europe => "Europe", "Europe";
    M49Oceania => "Oceania", "Océanie";

    // Members
    MembersTitle => "Members", "Membres";
    ColAcronym => "Acronym", "Sigle";
    ColCountry => "Country", "Pays";
    ColCategory => "Category", "Catégorie";
    ColJoined => "Joined", "Adhésion";
    ColDevco => "DEVCO", "DEVCO";
    AllCategories => "All categories", "Toutes les catégories";
    AnyStatus => "Developing and developed", "En développement ou non";
    DevelopedOnly => "Developed only", "Pays développés uniquement";
    NoMembers => "No member matches these filters.", "Aucun membre ne correspond à ces filtres.";
    NoMembersYet => "No member yet.", "Aucun membre pour l'instant.";
    CatMemberBody => "Member body", "Comité membre";
    CatCorrespondent => "Correspondent member", "Membre correspondant";
    CatSubscriber => "Subscriber member", "Membre abonné";
    OrganisationTitle => "My organisation", "Mon organisation";
    NoMemberLink => "Your account is not linked to a member body. Ask the secretariat to link it.", "Votre compte n'est lié à aucun organisme membre. Demandez au secrétariat de le lier.";
    DevcoMember => "Member of DEVCO", "Membre du DEVCO";
    DemoData => "Demo data", "Données de démonstration";

    // Projects
    ProjectsTitle => "Projects", "Projets";
    ProposalsTitle => "Proposals", "Propositions";
    FundableTitle => "Fundable work", "Projets à financer";
    ProposalsIntroMember => "Your organisation's project proposals and the projects they became.", "Les propositions de projets de votre organisation et les projets qui en sont issus.";
    ProposalsIntroStaff => "Proposals and projects from every member.", "Les propositions et projets de tous les membres.";
    FundableIntro => "Projects approved by the secretariat and waiting for funding. Change the status filter to see the others.", "Projets approuvés par le secrétariat et en attente de financement. Changez le filtre de statut pour voir les autres.";
    ProjectsIntroCommittee => "All technical-assistance projects (read-only).", "Tous les projets d'assistance technique (lecture seule).";
    ColTitle => "Title", "Titre";
    ColTheme => "Theme", "Thème";
    ColObjective => "Objective", "Objectif";
    ColStatus => "Status", "Statut";
    ColMember => "Member", "Membre";
    ColCreated => "Created", "Créé le";
    AllStatuses => "All statuses", "Tous les statuts";
    AllThemes => "All themes", "Tous les thèmes";
    NoProjects => "No project matches these filters.", "Aucun projet ne correspond à ces filtres.";
    NoProjectsYet => "No project yet.", "Aucun projet pour l'instant.";
    NewProposal => "New proposal", "Nouvelle proposition";
    NewProposalTitle => "New project proposal", "Nouvelle proposition de projet";
    NewProposalIntro => "Describe the project. It is saved as a draft that you can complete and submit for review.", "Décrivez le projet. Il est enregistré comme brouillon que vous pourrez compléter puis soumettre à l'examen.";
    FieldTitle => "Title", "Titre";
    FieldSummary => "Summary", "Résumé";
    HintSummary => "What the project will do, for whom, and why.", "Ce que fera le projet, pour qui et pourquoi.";
    FieldObjective => "Action Plan objective", "Objectif du plan d'action";
    FieldTheme => "Theme", "Thème";
    CreateProposal => "Create proposal", "Créer la proposition";
    ProposalCreated => "Proposal created:", "Proposition créée :";

    // The donor's page: fundable work, a pledge with an earmark, my contributions
    ContributeTitle => "Contribute", "Contribuer";
    ContributeIntro => "Approved projects that still need money, what each region still needs, and your contributions.", "Les projets approuvés qui manquent encore de fonds, ce dont chaque région a encore besoin, et vos contributions.";
    ColUnmet => "Still needed", "Reste à financer";
    NotConverted => "not yet in CHF", "pas encore en CHF";
    NoFundable => "No approved project needs money with these filters.", "Aucun projet approuvé n'a besoin de fonds avec ces filtres.";
    ChartNeedLabel => "Unmet need per liaison region (CHF; a project benefiting several regions counts in each)", "Besoins non couverts par région de liaison (CHF ; un projet bénéficiant à plusieurs régions compte dans chacune)";
    ContributeFormTitle => "Make a pledge", "Faire une promesse de don";
    FieldEarmark => "Earmark", "Affectation";
    EarmarkUnrestricted => "Anywhere it is needed", "Là où c'est nécessaire";
    EarmarkRegions => "Some regions", "Certaines régions";
    EarmarkThemes => "Some themes", "Certains thèmes";
    EarmarkRegionsAndThemes => "Regions and themes", "Régions et thèmes";
    EarmarkProject => "This project", "Ce projet";
    ErrEarmark => "Complete the earmark: choose at least one region, theme or the project.", "Complétez l'affectation : choisissez au moins une région, un thème ou le projet.";
    Pledge => "Pledge", "Promettre";
    Pledged => "Pledge recorded:", "Promesse enregistrée :";
    MyContributions => "My contributions", "Mes contributions";
    StatementPage => "Statement (printable)", "Relevé (imprimable)";
    NoContributions => "No contribution yet.", "Aucune contribution pour l'instant.";
    ColPledged => "Pledged", "Promis";
    ColReceived => "Received (CHF)", "Reçu (CHF)";
    ColAllocated => "Allocated", "Affecté";
    ColDisbursed => "Disbursed", "Décaissé";
    ColBalance => "Balance", "Solde";
    ContributionPledged => "Pledged", "Promise";
    ContributionReceived => "Received", "Reçue";
    ContributionCancelled => "Cancelled", "Annulée";

    // One ICT-support request: the questionnaire, the maturity chart, the package
    IctRequestTitle => "ICT support request", "Demande de soutien TIC";
    BackToRequests => "All requests", "Toutes les demandes";
    AssignMe => "Assign me as assessor", "M'assigner comme évaluateur";
    AnswerTitle => "ICT maturity questionnaire", "Questionnaire de maturité TIC";
    QuestionnaireResume => "Answer one section at a time. Each section is saved on its own: you can leave and come back later.", "Répondez section par section. Chaque section est enregistrée séparément : vous pouvez partir et revenir plus tard.";
    SectionsNav => "Sections of the questionnaire", "Sections du questionnaire";
    SaveAndNext => "Save and continue", "Enregistrer et continuer";
    SaveSection => "Save this section", "Enregistrer cette section";
    SectionSaved => "Section saved.", "Section enregistrée.";
    ErrAnswer => "This answer is not valid for the question.", "Cette réponse n'est pas valable pour la question.";
    NotAnswered => "Not answered", "Sans réponse";
    Scale0 => "0 – absent", "0 – absent";
    Scale1 => "1 – started", "1 – amorcé";
    Scale2 => "2 – partly in place", "2 – partiellement en place";
    Scale3 => "3 – largely in place", "3 – largement en place";
    Scale4 => "4 – fully in place", "4 – entièrement en place";
    SubmitAssessment => "Submit the answers for scoring", "Soumettre les réponses pour la notation";
    SubmitAssessmentHint => "Every required question is answered. Once submitted the answers are final.", "Toutes les questions obligatoires ont une réponse. Une fois soumises, les réponses sont définitives.";
    MaturityTitle => "ICT maturity by area", "Maturité TIC par domaine";
    ChartMaturityLabel => "Maturity level of each area, from 1 to 5", "Niveau de maturité de chaque domaine, de 1 à 5";
    HeldBackBy => "held back by", "freiné par";
    RecommendationsTitle => "Recommended package", "Ensemble de mesures recommandé";
    NoRecommendations => "No recommendation.", "Aucune recommandation.";
    Edit => "Edit", "Modifier";
    SaveChanges => "Save changes", "Enregistrer les modifications";
    FieldCost => "Indicative cost (CHF)", "Coût indicatif (CHF)";
    AcceptPackage => "Accept the package and create the proposal", "Accepter l'ensemble et créer la proposition";
    OpenProposal => "Open the proposal", "Ouvrir la proposition";
    ProposalPending => "Accepted: the project proposal is being created.", "Accepté : la proposition de projet est en cours de création.";

    // One proposal: the full form, the detail page, the review
    FieldDeliveryMethods => "Delivery methods", "Modes de mise en œuvre";
    FieldRegions => "Beneficiary liaison regions", "Régions de liaison bénéficiaires";
    FieldMembers => "Beneficiary member bodies", "Organismes membres bénéficiaires";
    HintBeneficiaries => "Name at least one member body or liaison region before submitting.", "Indiquez au moins un organisme membre ou une région de liaison avant de soumettre.";
    NoMembersToChoose => "No member body to choose.", "Aucun organisme membre à choisir.";
    FieldBudget => "Budget", "Budget";
    HintBudget => "One line per cost, in the currency it will be spent in. Amounts like 1250.50.", "Une ligne par coût, dans la devise de la dépense. Montants comme 1250.50.";
    FieldCategory => "Category", "Catégorie";
    FieldDescription => "Description", "Description";
    FieldAmount => "Amount", "Montant";
    FieldCurrency => "Currency", "Devise";
    AddBudgetLine => "Add a budget line", "Ajouter une ligne budgétaire";
    RemoveLine => "Remove this line", "Supprimer cette ligne";
    NoBudgetLines => "No budget line yet.", "Aucune ligne budgétaire pour l'instant.";
    FieldPlannedStart => "Planned start", "Début prévu";
    FieldPlannedEnd => "Planned end", "Fin prévue";
    HintDraft => "A draft may be incomplete. To submit it you need delivery methods, a beneficiary, a budget and both dates.", "Un brouillon peut être incomplet. Pour le soumettre, il faut des modes de mise en œuvre, un bénéficiaire, un budget et les deux dates.";
    ErrAmount => "Enter an amount more than zero, such as 1250.50, with no more decimals than the currency has.", "Saisissez un montant supérieur à zéro, comme 1250.50, sans plus de décimales que la devise n'en a.";
    ErrCurrency => "Enter a three-letter ISO currency code, such as CHF.", "Saisissez un code de devise ISO à trois lettres, comme CHF.";
    ErrDate => "Enter a date.", "Saisissez une date.";
    MethodSeminar => "Seminar", "Séminaire";
    MethodWorkshop => "Workshop", "Atelier";
    MethodTrainingCourse => "Training course", "Cours de formation";
    MethodELearning => "E-learning", "Formation en ligne";
    MethodSponsorship => "Sponsorship", "Parrainage";
    MethodIctSupport => "ICT support", "Soutien TIC";
    MethodTrainingOfTrainers => "Training of trainers", "Formation de formateurs";
    CatExperts => "Experts", "Experts";
    CatTravel => "Travel", "Déplacements";
    CatVenue => "Venue", "Lieu";
    CatEquipment => "Equipment", "Équipement";
    CatSoftware => "Software", "Logiciels";
    CatConnectivity => "Connectivity", "Connectivité";
    CatTrainingMaterials => "Training materials", "Supports de formation";
    CatOther => "Other", "Autre";
    ProposalTitle => "Proposal", "Proposition";
    EditProposal => "Edit the proposal", "Modifier la proposition";
    EditProposalTitle => "Edit the proposal", "Modifier la proposition";
    EditProposalIntro => "Change what the proposal says; it stays a draft (or returned) until you submit it.", "Modifiez le contenu de la proposition ; elle reste un brouillon (ou renvoyée) jusqu'à ce que vous la soumettiez.";
    ReviewQueue => "Review queue", "File d'examen";
    BackToProposals => "All proposals", "Toutes les propositions";
    SectionDetails => "Details", "Détails";
    BudgetTotal => "Total", "Total";
    PlannedDates => "Planned dates", "Dates prévues";
    SectionTimeline => "Status timeline", "Chronologie du statut";
    TimelineDrafted => "Drafted", "Rédigée";
    TimelineEdited => "Edited", "Modifiée";
    ByFunding => "the funding service", "le service de financement";
    FieldReason => "Reason", "Motif";
    SubmitProposal => "Submit for review", "Soumettre pour examen";
    ResubmitProposal => "Resubmit for review", "Soumettre à nouveau";
    SubmitHint => "The secretariat reviews a submitted proposal; it can return it to you for changes.", "Le secrétariat examine une proposition soumise ; il peut vous la renvoyer pour modification.";
    Incomplete => "Complete the proposal before submitting it:", "Complétez la proposition avant de la soumettre :";
    Working => "Working…", "En cours…";
    ReturnedBecause => "Returned to you for changes:", "Renvoyée pour modification :";
    StartReview => "Start the review", "Commencer l'examen";
    SectionReview => "Score against the four principles", "Notation selon les quatre principes";
    PrincipleObjective => "Objective-oriented", "Orientée objectifs";
    PrincipleTopic => "Topic-oriented", "Orientée thèmes";
    PrincipleDelivery => "Delivery-oriented", "Orientée mise en œuvre";
    PrincipleGeographic => "Geographically distributed", "Répartie géographiquement";
    FieldScore => "Score (0 to 5)", "Note (0 à 5)";
    FieldComment => "Comment", "Commentaire";
    SaveReview => "Save the scores", "Enregistrer les notes";
    ReviewSaved => "Scores saved.", "Notes enregistrées.";
    GeoUnavailable => "No suggestion: the project names no region, or the funding service cannot be reached.", "Aucune suggestion : le projet ne nomme aucune région, ou le service de financement est injoignable.";
    GeoRegion => "Region", "Région";
    GeoReceived => "Received in the last three years", "Reçu ces trois dernières années";
    ReviewsSoFar => "Scores given this round", "Notes données à ce tour";
    SectionDecision => "Decision", "Décision";
    HintReason => "Required to return or reject; the member sees it.", "Obligatoire pour renvoyer ou rejeter ; le membre le voit.";
    Approve => "Approve", "Approuver";
    ReturnToMember => "Return to the member", "Renvoyer au membre";
    Reject => "Reject", "Rejeter";
    TwoApproverRule => "A budget above CHF 100 000, or with a line in another currency, needs two different staff approvals.", "Un budget supérieur à 100 000 CHF, ou avec une ligne dans une autre devise, exige deux approbations de personnes différentes du secrétariat.";
    ApprovedByYou => "You have approved this proposal; another staff member must approve it too.", "Vous avez approuvé cette proposition ; un autre membre du secrétariat doit aussi l'approuver.";
    Objective1 => "Awareness of the role of standardization", "Sensibilisation au rôle de la normalisation";
    Objective2 => "Capacity of members and stakeholders", "Capacités des membres et des parties prenantes";
    Objective3 => "National and regional cooperation", "Coopération nationale et régionale";
    Objective4 => "Electronic communication and IT tools", "Communication électronique et outils informatiques";
    Objective5 => "Participation in ISO governance and technical work", "Participation à la gouvernance et aux travaux techniques de l'ISO";
    StatusDraft => "Draft", "Brouillon";
    StatusSubmitted => "Submitted", "Soumis";
    StatusUnderReview => "Under review", "En cours d'examen";
    StatusApproved => "Approved", "Approuvé";
    StatusRejected => "Rejected", "Rejeté";
    StatusReturned => "Returned", "Renvoyé";
    StatusFunded => "Funded", "Financé";
    StatusInProgress => "In progress", "En cours";
    StatusCompleted => "Completed", "Terminé";
    StatusEvaluated => "Evaluated", "Évalué";
    StatusCancelled => "Cancelled", "Annulé";
    ThemeEconomicDevelopment => "Role of standards in economic development", "Rôle des normes dans le développement économique";
    ThemeIctSupport => "ICT support", "Soutien TIC";
    ThemeParticipation => "Participation in international standardization", "Participation à la normalisation internationale";
    ThemeStandardsDevelopmentTraining => "Training in standards development", "Formation à l'élaboration des normes";
    ThemeConformityAssessment => "Conformity assessment and good regulatory practice", "Évaluation de la conformité et bonnes pratiques réglementaires";
    ThemeManagementSystems => "Management systems", "Systèmes de management";
    ThemeSocialResponsibility => "Social responsibility and consumer protection", "Responsabilité sociétale et protection des consommateurs";

    // Donors
    DonorsTitle => "Donors", "Donateurs";
    ColDonorType => "Type", "Type";
    AllTypes => "All types", "Tous les types";
    NoDonors => "No donor matches these filters.", "Aucun donateur ne correspond à ces filtres.";
    NoDonorsYet => "No donor yet.", "Aucun donateur pour l'instant.";
    AddDonor => "Add donor", "Ajouter un donateur";
    AddDonorTitle => "Add a donor", "Ajouter un donateur";
    FieldName => "Name", "Nom";
    FieldDonorType => "Type of donor", "Type de donateur";
    FieldCountry => "Country", "Pays";
    HintCountry => "ISO code of two letters, e.g. CH. Leave empty for an international donor.", "Code ISO à deux lettres, par ex. CH. Laissez vide pour un donateur international.";
    DonorCreated => "Donor added:", "Donateur ajouté :";
    DonorProfileTitle => "Donor profile", "Profil du donateur";
    NoDonorLink => "Your account is not linked to a donor record. Ask the secretariat to link it.", "Votre compte n'est lié à aucune fiche de donateur. Demandez au secrétariat de la lier.";
    DonorTypeMemberBody => "Member body", "Comité membre";
    DonorTypeGovernment => "Government", "Gouvernement";
    DonorTypeDevelopmentAgency => "Development agency", "Agence de développement";
    DonorTypeFoundation => "Foundation", "Fondation";
    DonorTypeMultilateral => "Multilateral organisation", "Organisation multilatérale";
    DonorTypeOther => "Other (private sector, individuals)", "Autre (secteur privé, particuliers)";
    International => "International", "International";

    // ICT support
    IctTitleMember => "ICT support", "Soutien TIC";
    IctTitleStaff => "ICT support requests", "Demandes de soutien TIC";
    IctIntroMember => "Ask for help with connectivity, hardware, software, your website or IT skills. The secretariat then assesses your needs with the questionnaire.", "Demandez de l'aide pour la connectivité, le matériel, les logiciels, votre site web ou les compétences informatiques. Le secrétariat évalue ensuite vos besoins à l'aide du questionnaire.";
    IctIntroStaff => "Requests for ICT support sent by members.", "Les demandes de soutien TIC envoyées par les membres.";
    RequestIct => "Request ICT support", "Demander un soutien TIC";
    RequestIctIntro => "Tell the secretariat what you need and why. You will then be asked to answer the assessment questionnaire.", "Indiquez au secrétariat ce dont vous avez besoin et pourquoi. Vous serez ensuite invité à répondre au questionnaire d'évaluation.";
    ColNeeds => "Needs", "Besoins";
    ColUrgency => "Urgency", "Urgence";
    AllUrgencies => "Any urgency", "Toute urgence";
    NoRequests => "No request matches these filters.", "Aucune demande ne correspond à ces filtres.";
    NoRequestsYet => "No ICT support request yet.", "Aucune demande de soutien TIC pour l'instant.";
    FieldNeeds => "What do you need?", "De quoi avez-vous besoin ?";
    FieldContext => "Why, and your situation today", "Pourquoi, et votre situation actuelle";
    FieldUrgency => "Urgency", "Urgence";
    SendRequest => "Send request", "Envoyer la demande";
    RequestCreated => "Request sent:", "Demande envoyée :";
    UrgencyLow => "Low", "Faible";
    UrgencyMedium => "Medium", "Moyenne";
    UrgencyHigh => "High", "Élevée";
    RequestOpen => "Open", "Ouverte";
    RequestAssessing => "Being assessed", "En cours d'évaluation";
    RequestScored => "Scored", "Notée";
    RequestAccepted => "Accepted", "Acceptée";
    RequestClosed => "Closed", "Clôturée";
    QuestionnaireTitle => "ICT assessment questionnaire", "Questionnaire d'évaluation TIC";
    QuestionnaireIntro => "The questions the secretariat uses to measure a member's ICT maturity, section by section.", "Les questions utilisées par le secrétariat pour mesurer la maturité TIC d'un membre, section par section.";
    ColQuestion => "Question", "Question";
    ColAnswer => "Answer", "Réponse";
    ColWeight => "Weight", "Pondération";
    AnswerScale => "Scale from 0 to 4", "Échelle de 0 à 4";
    AnswerYesNo => "Yes or no", "Oui ou non";
    AnswerNumber => "Number", "Nombre";

    // System
    SystemTitle => "System health", "État du système";
    SystemIntro => "Each service behind the gateway and how fast it answered its readiness probe.", "Chaque service derrière la passerelle et la rapidité de sa réponse à la sonde de disponibilité.";
    ColService => "Service", "Service";
    ColLatency => "Latency", "Latence";
    ColDetail => "Detail", "Détail";
    StatusUp => "Up", "En service";
    StatusDown => "Down", "Hors service";
    Overall => "Overall", "Ensemble";
    Refresh => "Refresh", "Actualiser";
}

/// The interface language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "trellis.lang";

impl I18n {
    /// Reads the saved choice (or the browser's preference) and keeps `<html lang>` in step.
    pub fn provide() -> I18n {
        let initial = saved_lang().or_else(browser_lang).unwrap_or_default();
        let i18n = I18n { lang: RwSignal::new(initial) };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            set_document_lang(lang);
        });
        provide_context(i18n);
        i18n
    }

    /// Switches language and remembers the choice for the next visit.
    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        if let Some(storage) = window().local_storage().ok().flatten() {
            // A full or disabled storage only costs the user their choice next time.
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    }

    /// The current language, tracked.
    pub fn get(&self) -> Lang {
        self.lang.get()
    }

    /// `key` in the current language, tracked.
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.lang.get())
    }
}

/// The shared [`I18n`]. Only called below the app root, which provides it.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n { lang: RwSignal::new(Lang::default()) })
}

/// A reactive text for `key`, ready to drop into a view or an attribute.
pub fn tr(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

fn saved_lang() -> Option<Lang> {
    let storage = window().local_storage().ok().flatten()?;
    let saved = storage.get_item(STORAGE_KEY).ok().flatten()?;
    Lang::parse(&saved)
}

/// French speakers get French on their first visit; everybody else English.
fn browser_lang() -> Option<Lang> {
    let preferred = window().navigator().language()?;
    Lang::parse(preferred.get(..2)?)
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

// ---- Domain labels ---------------------------------------------------------------------------

pub fn role_key(role: Role) -> K {
    match role {
        Role::Donor => K::RoleDonor,
        Role::Member => K::RoleMember,
        Role::Staff => K::RoleStaff,
        Role::Committee => K::RoleCommittee,
        Role::Admin => K::RoleAdmin,
    }
}

pub fn theme_key(theme: Theme) -> K {
    match theme {
        Theme::EconomicDevelopment => K::ThemeEconomicDevelopment,
        Theme::IctSupport => K::ThemeIctSupport,
        Theme::Participation => K::ThemeParticipation,
        Theme::StandardsDevelopmentTraining => K::ThemeStandardsDevelopmentTraining,
        Theme::ConformityAssessment => K::ThemeConformityAssessment,
        Theme::ManagementSystems => K::ThemeManagementSystems,
        Theme::SocialResponsibility => K::ThemeSocialResponsibility,
    }
}

pub fn method_key(method: DeliveryMethod) -> K {
    match method {
        DeliveryMethod::Seminar => K::MethodSeminar,
        DeliveryMethod::Workshop => K::MethodWorkshop,
        DeliveryMethod::TrainingCourse => K::MethodTrainingCourse,
        DeliveryMethod::ELearning => K::MethodELearning,
        DeliveryMethod::Sponsorship => K::MethodSponsorship,
        DeliveryMethod::IctSupport => K::MethodIctSupport,
        DeliveryMethod::TrainingOfTrainers => K::MethodTrainingOfTrainers,
    }
}

pub fn budget_category_key(category: BudgetCategory) -> K {
    match category {
        BudgetCategory::Experts => K::CatExperts,
        BudgetCategory::Travel => K::CatTravel,
        BudgetCategory::Venue => K::CatVenue,
        BudgetCategory::Equipment => K::CatEquipment,
        BudgetCategory::Software => K::CatSoftware,
        BudgetCategory::Connectivity => K::CatConnectivity,
        BudgetCategory::TrainingMaterials => K::CatTrainingMaterials,
        BudgetCategory::Other => K::CatOther,
    }
}

pub fn contribution_status_key(status: ContributionStatus) -> K {
    match status {
        ContributionStatus::Pledged => K::ContributionPledged,
        ContributionStatus::Received => K::ContributionReceived,
        ContributionStatus::Cancelled => K::ContributionCancelled,
    }
}

pub fn project_status_key(status: ProjectStatus) -> K {
    match status {
        ProjectStatus::Draft => K::StatusDraft,
        ProjectStatus::Submitted => K::StatusSubmitted,
        ProjectStatus::UnderReview => K::StatusUnderReview,
        ProjectStatus::Approved => K::StatusApproved,
        ProjectStatus::Rejected => K::StatusRejected,
        ProjectStatus::Returned => K::StatusReturned,
        ProjectStatus::Funded => K::StatusFunded,
        ProjectStatus::InProgress => K::StatusInProgress,
        ProjectStatus::Completed => K::StatusCompleted,
        ProjectStatus::Evaluated => K::StatusEvaluated,
        ProjectStatus::Cancelled => K::StatusCancelled,
    }
}

/// The Action Plan's five objectives, 1 to 5.
pub fn objective_key(objective: u8) -> Option<K> {
    match objective {
        1 => Some(K::Objective1),
        2 => Some(K::Objective2),
        3 => Some(K::Objective3),
        4 => Some(K::Objective4),
        5 => Some(K::Objective5),
        _ => None,
    }
}

pub fn income_key(level: Option<IncomeLevel>) -> K {
    match level {
        Some(IncomeLevel::Low) => K::IncomeLow,
        Some(IncomeLevel::LowerMiddle) => K::IncomeLowerMiddle,
        Some(IncomeLevel::UpperMiddle) => K::IncomeUpperMiddle,
        Some(IncomeLevel::High) => K::IncomeHigh,
        None => K::NotClassified,
    }
}

pub fn category_key(category: MemberCategory) -> K {
    match category {
        MemberCategory::MemberBody => K::CatMemberBody,
        MemberCategory::Correspondent => K::CatCorrespondent,
        MemberCategory::Subscriber => K::CatSubscriber,
    }
}

pub fn donor_type_key(kind: DonorType) -> K {
    match kind {
        DonorType::MemberBody => K::DonorTypeMemberBody,
        DonorType::Government => K::DonorTypeGovernment,
        DonorType::DevelopmentAgency => K::DonorTypeDevelopmentAgency,
        DonorType::Foundation => K::DonorTypeFoundation,
        DonorType::Multilateral => K::DonorTypeMultilateral,
        DonorType::Other => K::DonorTypeOther,
    }
}

pub fn urgency_key(urgency: Urgency) -> K {
    match urgency {
        Urgency::Low => K::UrgencyLow,
        Urgency::Medium => K::UrgencyMedium,
        Urgency::High => K::UrgencyHigh,
    }
}

pub fn request_status_key(status: RequestStatus) -> K {
    match status {
        RequestStatus::Open => K::RequestOpen,
        RequestStatus::Assessing => K::RequestAssessing,
        RequestStatus::Scored => K::RequestScored,
        RequestStatus::Accepted => K::RequestAccepted,
        RequestStatus::Closed => K::RequestClosed,
    }
}

pub fn answer_kind_key(kind: AnswerKind) -> K {
    match kind {
        AnswerKind::Scale => K::AnswerScale,
        AnswerKind::YesNo => K::AnswerYesNo,
        AnswerKind::Number => K::AnswerNumber,
    }
}

/// UN M49 region names arrive in English from the reference data; the five of them are
/// translated here, anything else is shown as it came.
pub fn m49_region(lang: Lang, name: &str) -> String {
    let key = match name {
        "Africa" => Some(K::M49Africa),
        "Americas" => Some(K::M49Americas),
        "Asia" => Some(K::M49Asia),
        "Europe" => Some(K::M49Europe),
        "Oceania" => Some(K::M49Oceania),
        _ => None,
    };
    key.map_or_else(|| name.to_owned(), |k| k.text(lang).to_owned())
}

// ---- Sentences with values in them -----------------------------------------------------------

pub fn page_of(lang: Lang, page: u32, pages: u32) -> String {
    match lang {
        Lang::En => format!("Page {page} of {pages}"),
        Lang::Fr => format!("Page {page} sur {pages}"),
    }
}

pub fn result_count(lang: Lang, total: u64) -> String {
    match (lang, total) {
        (Lang::En, 1) => "1 result".to_owned(),
        (Lang::En, n) => format!("{n} results"),
        (Lang::Fr, 0 | 1) => format!("{total} résultat"),
        (Lang::Fr, n) => format!("{n} résultats"),
    }
}

pub fn rate_limited(lang: Lang, secs: Option<u64>) -> String {
    match (lang, secs) {
        (Lang::En, Some(s)) => format!("Too many attempts. Try again in {s} seconds."),
        (Lang::En, None) => "Too many attempts. Try again in a moment.".to_owned(),
        (Lang::Fr, Some(s)) => format!("Trop de tentatives. Réessayez dans {s} secondes."),
        (Lang::Fr, None) => "Trop de tentatives. Réessayez dans un instant.".to_owned(),
    }
}

pub fn service_unavailable(lang: Lang, service: Option<&str>) -> String {
    match (lang, service) {
        (Lang::En, Some(s)) => {
            format!("The {s} service is unavailable right now. Try again in a moment.")
        }
        (Lang::En, None) => "A service is unavailable right now. Try again in a moment.".to_owned(),
        (Lang::Fr, Some(s)) => {
            format!("Le service {s} est momentanément indisponible. Réessayez dans un instant.")
        }
        (Lang::Fr, None) => "Un service est momentanément indisponible. Réessayez dans un instant.".to_owned(),
    }
}

pub fn questionnaire_version(lang: Lang, version: i32, published: &str) -> String {
    match lang {
        Lang::En => format!("Version {version}, published {published}"),
        Lang::Fr => format!("Version {version}, publiée le {published}"),
    }
}

pub fn objective_label(lang: Lang, objective: u8) -> String {
    match objective_key(objective) {
        Some(k) => format!("{objective}. {}", k.text(lang)),
        None => objective.to_string(),
    }
}

/// "Budget line 2", the accessible name of a line's group of inputs.
pub fn budget_line_label(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Budget line {n}"),
        Lang::Fr => format!("Ligne budgétaire {n}"),
    }
}

/// The two-approver rule as it stands for one proposal.
pub fn approvals_count(lang: Lang, given: usize, needed: u32) -> String {
    match lang {
        Lang::En => format!("Approvals: {given} of {needed} needed"),
        Lang::Fr => format!("Approbations : {given} sur {needed} requises"),
    }
}

pub fn geo_suggestion(lang: Lang, score: u8) -> String {
    match lang {
        Lang::En => format!(
            "Suggested geographic score: {score} of 5 (the less the project's regions received in the last three years against an equal share, the higher)."
        ),
        Lang::Fr => format!(
            "Note géographique suggérée : {score} sur 5 (plus les régions du projet ont peu reçu ces trois dernières années par rapport à une part égale, plus elle est élevée)."
        ),
    }
}

pub fn review_total(lang: Lang, total: u32) -> String {
    match lang {
        Lang::En => format!("Total {total} of 20"),
        Lang::Fr => format!("Total {total} sur 20"),
    }
}

/// "3 of 5 answered", under a section's tab.
pub fn section_progress(lang: Lang, answered: u32, total: u32) -> String {
    match lang {
        Lang::En => format!("{answered} of {total} answered"),
        Lang::Fr => format!("{answered} sur {total} répondues"),
    }
}

pub fn maturity_level(lang: Lang, level: u8) -> String {
    match lang {
        Lang::En => format!("Overall level {level} of 5"),
        Lang::Fr => format!("Niveau global {level} sur 5"),
    }
}

/// What an earmark matches today, shown before the pledge is confirmed.
pub fn earmark_matches(lang: Lang, projects: usize, unmet: &str) -> String {
    match (lang, projects) {
        (Lang::En, 1) => format!("This earmark matches 1 project with {unmet} still needed today."),
        (Lang::En, n) => format!("This earmark matches {n} projects with {unmet} still needed today."),
        (Lang::Fr, 0 | 1) => {
            format!("Cette affectation correspond à {projects} projet, avec {unmet} encore à financer aujourd'hui.")
        }
        (Lang::Fr, n) => {
            format!("Cette affectation correspond à {n} projets, avec {unmet} encore à financer aujourd'hui.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_value_has_a_label_in_both_languages() {
        for lang in Lang::ALL {
            for theme in Theme::ALL {
                assert!(!theme_key(theme).text(lang).is_empty());
            }
            for status in ProjectStatus::ALL {
                assert!(!project_status_key(status).text(lang).is_empty());
            }
            for method in DeliveryMethod::ALL {
                assert!(!method_key(method).text(lang).is_empty());
            }
            for category in BudgetCategory::ALL {
                assert!(!budget_category_key(category).text(lang).is_empty());
            }
            for role in Role::ALL {
                assert!(!role_key(role).text(lang).is_empty());
            }
            for objective in 1..=5 {
                assert!(objective_key(objective).is_some());
            }
        }
        assert_eq!(objective_key(6), None);
    }

    #[test]
    fn french_falls_back_to_english_when_the_api_has_no_french() {
        assert_eq!(Lang::Fr.pick("Asia", ""), "Asia");
        assert_eq!(Lang::Fr.pick("Asia", "Asie"), "Asie");
        assert_eq!(Lang::En.pick("Asia", "Asie"), "Asia");
    }

    #[test]
    fn sentences() {
        assert_eq!(page_of(Lang::Fr, 2, 5), "Page 2 sur 5");
        assert_eq!(result_count(Lang::En, 1), "1 result");
        assert_eq!(result_count(Lang::Fr, 0), "0 résultat");
        assert_eq!(m49_region(Lang::Fr, "Oceania"), "Océanie");
        assert_eq!(m49_region(Lang::Fr, "Antarctica"), "Antarctica");
    }
}
