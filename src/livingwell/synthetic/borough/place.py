"""The place, all made up: its four teams and their staff (the first team's with names that are easy
to type in a demo, and the demo password), the streets, postcodes and surgeries, the email domains,
the names people are given (pools by ethnic category), and the partner organisations."""

from __future__ import annotations

from livingwell.synthetic.borough.rows import (
    ADMINISTRATOR,
    GP_LIAISON,
    HOUSING_WORKER,
    MENTAL_HEALTH_PRACTITIONER,
    PEER_WORKER,
    PSYCHOLOGIST,
    SUPPORT_WORKER,
    TEAM_LEAD,
    WELFARE_RIGHTS_WORKER,
)

# The place.

TEAMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("North Riverside", "Riverside, Kennings Green and the Oval Gardens", ("SE1", "SE11", "SW8")),
    ("Central Brixwell", "Brixwell, Coldmoor and Loughton Park", ("SW9", "SE5", "SE24")),
    ("South Norbrook", "Norbrook, Hillside Park and Streatley Vale", ("SE27", "SW16")),
    ("West Clapwell", "Clapwell, Balmoor and Tulse Common", ("SW2", "SW4", "SW12")),
)
TEAM_SHARES = (0.27, 0.26, 0.25, 0.22)

# The first team's staff, with names that are easy to type in a demo.
DEMO_STAFF: tuple[tuple[str, str, str, bool], ...] = (
    ("amara", "Amara Okafor", TEAM_LEAD, True),
    ("sam", "Sam Whitfield", MENTAL_HEALTH_PRACTITIONER, True),
    ("jo", "Jo Mensah", PEER_WORKER, True),
    ("priya", "Priya Raman", ADMINISTRATOR, True),
    ("lucia", "Lucia Ferreira", MENTAL_HEALTH_PRACTITIONER, False),
    ("tomasz", "Tomasz Nowak", SUPPORT_WORKER, False),
    ("grace", "Grace Adeyemi", HOUSING_WORKER, False),
    ("dev", "Dev Chauhan", WELFARE_RIGHTS_WORKER, False),
    ("ruth", "Ruth Abrahams", PSYCHOLOGIST, False),
    ("kwame", "Kwame Boateng", GP_LIAISON, False),
)
DEMO_PASSWORD = "living-well-demo"  # noqa: S105 (the published demo password, for synthetic staff only)
TEAM_ROLES = (
    TEAM_LEAD,
    ADMINISTRATOR,
    MENTAL_HEALTH_PRACTITIONER,
    MENTAL_HEALTH_PRACTITIONER,
    PEER_WORKER,
    SUPPORT_WORKER,
    HOUSING_WORKER,
    WELFARE_RIGHTS_WORKER,
    PSYCHOLOGIST,
    GP_LIAISON,
)
EXTRA_ROLES = (PEER_WORKER, SUPPORT_WORKER, MENTAL_HEALTH_PRACTITIONER)
# Who holds first conversations and key-works people: practitioners and peer workers most often.
KEY_WORK_WEIGHT = {
    TEAM_LEAD: 1,
    MENTAL_HEALTH_PRACTITIONER: 5,
    PEER_WORKER: 4,
    SUPPORT_WORKER: 4,
    HOUSING_WORKER: 2,
    WELFARE_RIGHTS_WORKER: 2,
    PSYCHOLOGIST: 2,
    GP_LIAISON: 1,
}

STREETS = (
    "Alder Road",
    "Brixwell Hill",
    "Coldmoor Lane",
    "Danebury Street",
    "Elmfield Way",
    "Fennel Close",
    "Gatling Road",
    "Harbour Walk",
    "Ivydene Grove",
    "Juniper Street",
    "Kennings Way",
    "Larkhall Rise",
    "Marsden Road",
    "Netherby Gardens",
    "Oakfield Terrace",
    "Pelham Crescent",
    "Quilter Street",
    "Rosebery Avenue",
    "Saltram Road",
    "Thornbury Place",
    "Upland Road",
    "Vickery Court",
    "Wexford Street",
    "Yewtree Lane",
    "Ashgrove Estate",
    "Beacon House",
    "Carisbrook Road",
    "Dulverton Mansions",
    "Eastlake Row",
    "Foxley Square",
    "Greyhound Lane",
    "Hollybank Road",
    "Ingram Close",
    "Kestrel Walk",
    "Lorrimore Street",
    "Millbrook Road",
    "Norwood Parade",
    "Orchard Mews",
    "Peckwater Street",
    "Railton Road",
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters that appear in inward codes
SURGERIES = (
    "Kennings Green Medical Centre",
    "Brixwell Road Surgery",
    "Oval Gardens Practice",
    "Hillside Park Health Centre",
    "Norbrook Group Practice",
    "Coldmoor Lane Surgery",
    "Tulse Common Medical Practice",
    "Clapwell Family Practice",
    "Streatley Vale Surgery",
)
EMAIL_DOMAINS = ("example.com", "example.org")

# Names. Each pool: (men's given names, women's given names, family names).

_Pool = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _names(names: str) -> tuple[str, ...]:
    return tuple(names.split())


NAME_POOLS: dict[str, _Pool] = {
    "british": (
        _names(
            "James Oliver Tom Daniel Chris Ben Harry Jack Luke Matthew Paul Steve Gary Dean "
            "Callum Ryan George Alfie Reece Kieran"
        ),
        _names(
            "Emma Sophie Charlotte Hannah Lucy Chloe Jade Gemma Kerry Rebecca Laura Amy Ellie "
            "Georgia Megan Tracey Sarah Kate"
        ),
        _names(
            "Smith Jones Taylor Brown Williams Wilson Johnson Davies Evans Walker Wright Thompson "
            "Hughes Edwards Green Hall Wood Harris Clarke Turner Cooper Hill Ward Morris Baker "
            "Fletcher Marsh"
        ),
    ),
    "irish": (
        _names("Sean Conor Ciaran Padraig Declan Niall Eoin Liam"),
        _names("Siobhan Aoife Niamh Roisin Orla Ciara Maeve Grainne"),
        _names(
            "Murphy Kelly O'Brien Byrne Ryan O'Connor Doyle Walsh McCarthy Gallagher Quinn Brennan"
        ),
    ),
    "european": (
        _names(
            "Piotr Tomasz Marek João Tiago Marco Luca Andrei Mihai Jonas Lukas Nikos Pablo Javier "
            "Ahmet Arben Pierre Stefan"
        ),
        _names(
            "Agnieszka Kasia Ana Inês Giulia Chiara Elena Ioana Rūta Eleni Lucía Carmen Ayşe "
            "Elira Camille Zsófia Marta Sofia"
        ),
        _names(
            "Nowak Kowalski Wiśniewski Silva Santos Ferreira Rossi Russo Popescu Ionescu "
            "Kazlauskas Papadopoulos García Fernández Aksoy Hoxha Dubois Horváth Müller Costa "
            "Oliveira Pereira"
        ),
    ),
    "west_african": (
        _names(
            "Chinedu Emeka Tunde Oluwaseun Kwame Kofi Kwabena Segun Ifeanyi Babajide Yaw Femi "
            "Ebuka Kayode Mamadou Abdoulaye"
        ),
        _names(
            "Ngozi Adaeze Funmilayo Yewande Abena Akosua Efua Chiamaka Titilayo Bisi Ama Folake "
            "Adwoa Aminata Fatou Ifeoma"
        ),
        _names(
            "Okafor Adeyemi Okonkwo Balogun Mensah Owusu Boateng Asante Adebayo Eze Nwosu "
            "Oyelaran Appiah Osei Diallo Sow Ogunleye"
        ),
    ),
    "east_african": (
        _names("Abdi Mohamed Ahmed Yonas Dawit Tesfaye Mulugeta Hassan Musa"),
        _names("Hodan Fadumo Ayaan Hamdi Selam Meron Tigist Saba Amina"),
        _names(
            "Hassan Ali Warsame Farah Osman Tesfay Haile Gebremedhin Abdullahi Jama Mekonnen "
            "Mwangi Otieno"
        ),
    ),
    "caribbean": (
        _names(
            "Marcus Andre Delroy Winston Leon Tyrone Jermaine Dwayne Kyle Errol Clive Nathaniel"
        ),
        _names(
            "Marcia Simone Jasmine Keisha Shanice Beverley Paulette Tanisha Monique Janelle "
            "Hyacinth Sharon"
        ),
        _names(
            "Campbell Brown Williams Thomas Grant Clarke Reid Francis Henry Morgan Stewart Bailey "
            "Gordon Richards Samuels Duncan"
        ),
    ),
    "indian": (
        _names("Arjun Rohan Vikram Rahul Sanjay Harpreet Gurpreet Amit Nikhil"),
        _names("Priya Anjali Kavita Sunita Neha Pooja Simran Deepa Meera"),
        _names("Patel Shah Sharma Singh Kaur Gill Mehta Iyer Nair Reddy Chauhan Desai"),
    ),
    "pakistani": (
        _names("Imran Bilal Usman Faisal Kamran Asif Tariq Zain Hamza"),
        _names("Ayesha Sana Zainab Fatima Hina Nadia Saima Mariam Iqra"),
        _names("Khan Hussain Akhtar Iqbal Malik Raja Butt Qureshi Chaudhry"),
    ),
    "bangladeshi": (
        _names("Abdul Rahim Shahid Mizanur Jamal Rafiq Sohel Anwar"),
        _names("Nasima Shirin Rehana Taslima Roksana Sumaiya Farzana Jahanara"),
        _names("Begum Miah Rahman Uddin Islam Ahmed Chowdhury Hoque Ali"),
    ),
    "other_asian": (
        _names("Tharshan Nimal Minh Tuan Jose Mark Rajan Sunil Bao"),
        _names("Lakshmi Thushara Linh Thi Maricel Joy Malini Dilani Mai"),
        _names("Sivakumar Perera Fernando Nguyen Tran Santos Reyes Kumaran Jayasinghe Pham"),
    ),
    "chinese": (
        _names("Wei Jun Hao Ming Kai Jian Chen"),
        _names("Mei Xin Ling Yan Hui Jing Li"),
        _names("Wang Li Zhang Liu Chen Wong Chan Lam Ng Cheung"),
    ),
    "other": (
        _names("Carlos Diego Andrés Omar Karim Yusuf Reza Dara Mehmet Kemal"),
        _names("María Valentina Camila Layla Yasmin Leila Shirin Zeynep Rania"),
        _names(
            "Rodríguez Gómez López Martínez Haddad Mansour Hosseini Ahmadi Demir Kaya Saleh Jaber"
        ),
    ),
}
NEUTRAL_NAMES = _names("Alex Sam Charlie Jordan Robin Kai River Ash Jesse Rowan")
# Which name pools people of each ethnic category draw from (mixed categories draw two).
POOLS_FOR_CATEGORY: dict[str, tuple[str, ...]] = {
    "A": ("british",),
    "B": ("irish",),
    "C": ("european",),
    "D": ("caribbean", "british"),
    "E": ("west_african", "british"),
    "F": ("indian", "british"),
    "G": ("other", "british"),
    "H": ("indian",),
    "J": ("pakistani",),
    "K": ("bangladeshi",),
    "L": ("other_asian",),
    "M": ("caribbean",),
    "N": ("west_african", "west_african", "east_african"),
    "P": ("caribbean", "west_african", "british"),
    "R": ("chinese",),
    "S": ("other",),
    "Z": tuple(NAME_POOLS),
    "99": tuple(NAME_POOLS),
}

# Partner organisations (made up, like the teams), each with a kind of ORGANISATION_KINDS. The first is
# the demo partner's.
ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Riverside Housing Advice", "housing"),
    ("Brixwell Community Kitchen", "voluntary-community"),
    ("Coldmoor Money and Welfare Rights Centre", "money-and-benefits"),
    ("Norbrook Talking Therapies", "nhs-talking-therapies"),
    ("Clapwell Adult Social Care", "council"),
    ("Streatley Vale Recovery College", "work-and-learning"),
    ("Hillside Park Community Pharmacy", "nhs-primary-care"),
    ("St Elsewhere's Hospital", "nhs-hospital"),
    ("Tulse Common Tenants and Residents Association", "voluntary-community"),
)
ORGANISATION_WEIGHTS = (30, 14, 16, 12, 8, 8, 4, 5, 3)
DEMO_PARTNER: tuple[str, str, str] = ("lee", "Lee Harper", "Housing adviser")
