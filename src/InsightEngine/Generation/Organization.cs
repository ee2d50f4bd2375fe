namespace InsightEngine.Generation;

/// <summary>A person in the fictional organisation.</summary>
public sealed record Person(string Name, string Email, string Group, string? Team);

/// <summary>A team and the services it owns.</summary>
public sealed record Team(string Name, IReadOnlyList<string> Services, IReadOnlyList<Person> Engineers);

/// <summary>
/// The fictional organisation "Acme Loop": product teams owning services, a small central SRE team, and people
/// outside engineering (support, legal, compliance) who can declare incidents. Scale multiplies every team.
/// </summary>
public sealed class Organization
{
    private static readonly (string Team, string[] Services)[] BaseTeams =
    [
        ("payments", ["payments-api", "payment-router", "ledger"]),
        ("checkout", ["checkout-api", "cart-service"]),
        ("identity", ["auth-service", "user-profile"]),
        ("search", ["search-api", "search-indexer"]),
        ("catalog", ["catalog-api", "pricing-service", "inventory-sync"]),
        ("platform", ["edge-proxy", "k8s-platform", "service-mesh"]),
        ("data", ["batch-worker", "events-pipeline", "warehouse-loader"]),
        ("mobile", ["mobile-bff", "push-gateway"]),
        ("notifications", ["notifications-api", "email-sender"]),
        ("billing", ["billing-api", "invoice-renderer"]),
        ("fulfilment", ["shipping-api", "warehouse-connector", "returns-service"]),
        ("sre", ["observability-stack", "incident-bot"]),
    ];

    private static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chloe", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ivan", "Jonas", "Kemi", "Lena", "Mateo",
        "Nia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe",
        "Amara", "Bruno", "Carmen", "Deniz", "Emil", "Freya", "Goran", "Helga", "Ines", "Jakub", "Kasia", "Luca",
    ];

    private static readonly string[] LastNames =
    [
        "Silva", "Novak", "Okafor", "Schmidt", "Yilmaz", "Haddad", "Lindqvist", "Tanaka", "Petrov", "Weber", "Adeyemi",
        "Fischer", "Garcia", "Mensah", "Rahman", "Iyer", "Dubois", "Costa", "Berg", "Aziz", "Patel", "Kowalski", "Chen",
        "Lopez", "Demir", "Moreau", "Jensen", "Rossi", "Sato", "Nowak", "Ferreira", "Kaya",
    ];

    /// <summary>Builds the organisation for <paramref name="scale"/>; deterministic for a given random state.</summary>
    public Organization(Random random, int scale)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        Person NewPerson(string group, string? team)
        {
            string name;
            var n = 0;
            do
            {
                name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
                if (++n > 5) name += $" {used.Count}";
            }
            while (!used.Add(name));
            var email = name.ToLowerInvariant().Replace(' ', '.') + "@acmeloop.example";
            return new Person(name, email, group, team);
        }

        var teams = new List<Team>();
        for (var copy = 0; copy < scale; copy++)
        {
            var suffix = copy == 0 ? "" : $"-{copy + 1}";
            foreach (var (team, services) in BaseTeams)
            {
                var size = team == "sre" ? 6 : 12 + random.Next(3);
                var name = team + suffix;
                var engineers = Enumerable.Range(0, size).Select(_ => NewPerson("engineering", name)).ToList();
                teams.Add(new Team(name, services.Select(s => s + suffix).ToList(), engineers));
            }
        }
        Teams = teams;
        NonEngineers = Enumerable.Range(0, 6 * scale)
            .Select(i => NewPerson(i % 3 == 0 ? "support" : i % 3 == 1 ? "customer-success" : "legal", null)).ToList();
    }

    /// <summary>All teams, in a stable order.</summary>
    public IReadOnlyList<Team> Teams { get; }

    /// <summary>People outside engineering who may declare incidents.</summary>
    public IReadOnlyList<Person> NonEngineers { get; }

    /// <summary>Every engineer.</summary>
    public IEnumerable<Person> Engineers => Teams.SelectMany(t => t.Engineers);

    /// <summary>
    /// Who a page of <paramref name="team"/> goes to: its first engineer <paramref name="heroShare"/> of the time (the
    /// planted on-call concentration, "a few key individuals shoulder the burden", which the top-10% load share must
    /// recover; <see cref="OrganizationProfile.HeroShare"/>), else anyone on it.
    /// </summary>
    public static Person Responder(Team team, Random random, double heroShare) =>
        random.NextDouble() < heroShare ? team.Engineers[0] : team.Engineers[random.Next(team.Engineers.Count)];

    /// <summary>The team that owns <paramref name="service"/>.</summary>
    public Team OwnerOf(string service) => Teams.First(t => t.Services.Contains(service));
}
