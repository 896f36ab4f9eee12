// Vocabulary of the synthetic HPO (src/world/hpo.ts): the real top of the ontology (ids and
// names of HP:0000001 All, HP:0000118 Phenotypic abnormality, its organ-system branches, the
// inheritance / onset / frequency sub-ontologies and a few well-known terms under each branch),
// and the anatomical words from which deeper synthetic terms are named.

export interface BranchSpec {
  /** Disease category key this branch serves (the first is the canonical name). */
  categories: string[]
  id: string
  name: string
  /** Parent, when not HP:0000118 (e.g. skeletal and muscle under musculoskeletal). */
  parent?: string
  /** Relative share of the synthetic terms. */
  weight: number
  /** Real terms placed under the branch: [id, name, parent id (default: the branch)]. */
  known: [string, string, string?][]
  /** Name patterns for this branch (default PATTERNS); measurement-like branches use MEASURES. */
  patterns?: string[]
  /** Structures named by deeper synthetic terms. */
  structures: string[]
  /** Name of the disease series of this category ("<series> <n>"). */
  series: string[]
}

export const ALL = ['HP:0000001', 'All'] as const
export const PHENOTYPIC_ABNORMALITY = ['HP:0000118', 'Phenotypic abnormality'] as const

/** Name patterns of measurement-like branches (metabolism, growth, prenatal, constitutional, voice). */
export const MEASURES = [
  'Abnormal {s}', 'Increased {s}', 'Decreased {s}', 'Fluctuating {s}', 'Abnormal {s} regulation', 'Persistently abnormal {s}',
  'Transiently abnormal {s}', 'Abnormal {s} in infancy', 'Abnormal {s} in childhood', 'Abnormal {s} after fasting',
]

export const BRANCHES: BranchSpec[] = [
  {
    categories: ['neurological', 'nervous', 'neurodevelopmental', 'epilepsy', 'neuro'], id: 'HP:0000707', name: 'Abnormality of the nervous system', weight: 20,
    known: [['HP:0012638', 'Abnormal nervous system physiology'], ['HP:0012639', 'Abnormal nervous system morphology'],
      ['HP:0001250', 'Seizure', 'HP:0012638'], ['HP:0001249', 'Intellectual disability', 'HP:0012638'],
      ['HP:0001263', 'Global developmental delay', 'HP:0012638'], ['HP:0001251', 'Ataxia', 'HP:0012638'], ['HP:0001252', 'Hypotonia', 'HP:0012638']],
    structures: ['cerebellum', 'cerebellar vermis', 'corpus callosum', 'cerebral cortex', 'basal ganglia', 'brainstem', 'hippocampus', 'thalamus',
      'spinal cord', 'peripheral nerve', 'cerebral white matter', 'lateral ventricles', 'pituitary stalk', 'optic nerve', 'pons', 'medulla oblongata'],
    series: ['Developmental and epileptic encephalopathy', 'Intellectual developmental disorder', 'Spinocerebellar ataxia', 'Hereditary spastic paraplegia'],
  },
  {
    categories: ['cardiovascular', 'cardiac', 'heart', 'cardiomyopathy'], id: 'HP:0001626', name: 'Abnormality of the cardiovascular system', weight: 8,
    known: [['HP:0030680', 'Abnormality of cardiovascular system morphology'], ['HP:0001627', 'Abnormal heart morphology', 'HP:0030680'],
      ['HP:0001638', 'Cardiomyopathy'], ['HP:0011675', 'Arrhythmia']],
    structures: ['mitral valve', 'aortic valve', 'left ventricle', 'right ventricle', 'interatrial septum', 'interventricular septum', 'aortic root',
      'pulmonary artery', 'coronary artery', 'tricuspid valve', 'myocardium', 'pericardium'],
    series: ['Cardiomyopathy, dilated', 'Long QT syndrome', 'Congenital heart defects, multiple types', 'Left ventricular noncompaction'],
  },
  {
    categories: ['eye', 'ophthalmological', 'retinal', 'vision'], id: 'HP:0000478', name: 'Abnormality of the eye', weight: 9,
    known: [['HP:0000504', 'Abnormality of vision'], ['HP:0000505', 'Visual impairment', 'HP:0000504'], ['HP:0000518', 'Cataract'], ['HP:0000486', 'Strabismus']],
    structures: ['retina', 'macula', 'cornea', 'lens', 'iris', 'optic disc', 'retinal pigment epithelium', 'choroid', 'sclera', 'eyelid', 'conjunctiva', 'vitreous'],
    series: ['Retinitis pigmentosa', 'Cone-rod dystrophy', 'Leber congenital amaurosis', 'Cataract, congenital'],
  },
  {
    categories: ['ear', 'hearing', 'deafness', 'auditory'], id: 'HP:0000598', name: 'Abnormality of the ear', weight: 4,
    known: [['HP:0000364', 'Hearing abnormality'], ['HP:0000365', 'Hearing impairment', 'HP:0000364'],
      ['HP:0000407', 'Sensorineural hearing impairment', 'HP:0000365'], ['HP:0000405', 'Conductive hearing impairment', 'HP:0000365']],
    structures: ['cochlea', 'inner ear', 'middle ear', 'external ear', 'pinna', 'helix', 'ear lobe', 'vestibule', 'ossicles', 'external auditory canal'],
    series: ['Deafness, autosomal recessive', 'Deafness, autosomal dominant', 'Usher syndrome'],
  },
  {
    categories: ['skeletal', 'bone', 'skeletal dysplasia'], id: 'HP:0000924', name: 'Abnormality of the skeletal system', parent: 'HP:0033127', weight: 10,
    known: [['HP:0002650', 'Scoliosis'], ['HP:0002652', 'Skeletal dysplasia'], ['HP:0000944', 'Abnormality of the metaphysis']],
    structures: ['vertebral column', 'femur', 'tibia', 'humerus', 'radius', 'ribs', 'pelvis', 'clavicle', 'skull base', 'metacarpals', 'epiphyses', 'long bones'],
    series: ['Spondyloepiphyseal dysplasia', 'Osteogenesis imperfecta', 'Brachydactyly', 'Multiple epiphyseal dysplasia'],
  },
  {
    categories: ['muscular', 'muscle', 'neuromuscular', 'myopathy'], id: 'HP:0003011', name: 'Abnormality of the musculature', parent: 'HP:0033127', weight: 5,
    known: [['HP:0001324', 'Muscle weakness'], ['HP:0003560', 'Muscular dystrophy']],
    structures: ['skeletal muscle', 'proximal limb muscles', 'distal limb muscles', 'facial muscles', 'diaphragm', 'neck muscles', 'calf muscles', 'muscle fibers'],
    series: ['Muscular dystrophy, limb-girdle', 'Myopathy, congenital', 'Myasthenic syndrome, congenital'],
  },
  {
    categories: ['renal', 'kidney', 'genitourinary', 'urogenital'], id: 'HP:0000119', name: 'Abnormality of the genitourinary system', weight: 6,
    known: [['HP:0000077', 'Abnormality of the kidney'], ['HP:0000078', 'Abnormality of the genital system']],
    structures: ['renal cortex', 'renal medulla', 'glomerulus', 'renal tubule', 'ureter', 'bladder', 'urethra', 'testis', 'ovary', 'uterus', 'renal pelvis'],
    series: ['Nephronophthisis', 'Nephrotic syndrome', 'Polycystic kidney disease', 'Congenital anomalies of kidney and urinary tract'],
  },
  {
    categories: ['metabolic', 'metabolism', 'inborn error of metabolism', 'mitochondrial'], id: 'HP:0001939', name: 'Abnormality of metabolism/homeostasis', weight: 8,
    known: [['HP:0001943', 'Hypoglycemia'], ['HP:0003128', 'Lactic acidosis']],
    patterns: MEASURES,
    structures: ['plasma lactate', 'serum ammonia', 'urinary organic acids', 'plasma amino acids', 'serum creatine kinase', 'blood glucose',
      'lysosomal storage', 'mitochondrial respiratory chain', 'peroxisomal function', 'fatty acid oxidation', 'serum electrolytes'],
    series: ['Mitochondrial complex I deficiency', 'Congenital disorder of glycosylation', 'Combined oxidative phosphorylation deficiency'],
  },
  {
    categories: ['immunological', 'immune', 'immunodeficiency', 'autoinflammatory'], id: 'HP:0002715', name: 'Abnormality of the immune system', weight: 5,
    known: [['HP:0002719', 'Recurrent infections']],
    structures: ['T cells', 'B cells', 'immunoglobulin levels', 'natural killer cells', 'neutrophils', 'thymus', 'lymph nodes', 'complement system', 'spleen'],
    series: ['Immunodeficiency', 'Autoinflammatory syndrome', 'Severe combined immunodeficiency'],
  },
  {
    categories: ['haematological', 'hematological', 'blood', 'anaemia'], id: 'HP:0001871', name: 'Abnormality of blood and blood-forming tissues', weight: 5,
    known: [['HP:0001903', 'Anemia'], ['HP:0001873', 'Thrombocytopenia']],
    structures: ['erythrocytes', 'platelets', 'leukocytes', 'bone marrow', 'hemoglobin', 'coagulation factors', 'reticulocytes', 'megakaryocytes'],
    series: ['Diamond-Blackfan anemia', 'Thrombocytopenia', 'Bleeding disorder, platelet-type'],
  },
  {
    categories: ['dermatological', 'skin', 'integument', 'ectodermal'], id: 'HP:0001574', name: 'Abnormality of the integument', weight: 6,
    known: [['HP:0000951', 'Abnormality of the skin'], ['HP:0001596', 'Alopecia']],
    structures: ['epidermis', 'dermis', 'hair shaft', 'scalp hair', 'eyebrow', 'nails', 'sweat glands', 'skin pigmentation', 'palms', 'soles'],
    series: ['Ichthyosis, congenital', 'Epidermolysis bullosa', 'Ectodermal dysplasia'],
  },
  {
    categories: ['respiratory', 'pulmonary', 'lung'], id: 'HP:0002086', name: 'Abnormality of the respiratory system', weight: 4,
    known: [['HP:0002088', 'Abnormal lung morphology']],
    structures: ['bronchi', 'bronchioles', 'alveoli', 'trachea', 'larynx', 'pleura', 'respiratory cilia', 'nasal passages', 'lung parenchyma'],
    series: ['Primary ciliary dyskinesia', 'Surfactant metabolism dysfunction', 'Pulmonary fibrosis'],
  },
  {
    categories: ['gastrointestinal', 'digestive', 'hepatic', 'liver'], id: 'HP:0025031', name: 'Abnormality of the digestive system', weight: 6,
    known: [['HP:0002019', 'Constipation'], ['HP:0002014', 'Diarrhea']],
    structures: ['liver', 'bile ducts', 'pancreas', 'esophagus', 'stomach', 'small intestine', 'colon', 'rectum', 'gallbladder', 'intestinal mucosa'],
    series: ['Cholestasis, progressive familial intrahepatic', 'Congenital diarrhea', 'Hirschsprung disease'],
  },
  {
    categories: ['endocrine', 'hormonal', 'diabetes'], id: 'HP:0000818', name: 'Abnormality of the endocrine system', weight: 4,
    known: [['HP:0000821', 'Hypothyroidism'], ['HP:0000819', 'Diabetes mellitus']],
    structures: ['thyroid gland', 'adrenal gland', 'pituitary gland', 'parathyroid gland', 'pancreatic islets', 'gonadal hormones', 'growth hormone secretion'],
    series: ['Maturity-onset diabetes of the young', 'Hypothyroidism, congenital', 'Adrenal hyperplasia, congenital'],
  },
  {
    categories: ['growth', 'short stature', 'overgrowth'], id: 'HP:0001507', name: 'Growth abnormality', weight: 3,
    known: [['HP:0004322', 'Short stature'], ['HP:0001511', 'Intrauterine growth retardation']],
    patterns: MEASURES,
    structures: ['stature', 'birth length', 'weight gain', 'head circumference growth', 'trunk length', 'limb length', 'body mass'],
    series: ['Short stature syndrome', 'Overgrowth syndrome', 'Primordial dwarfism'],
  },
  {
    categories: ['craniofacial', 'head and neck', 'facial', 'dysmorphic'], id: 'HP:0000152', name: 'Abnormality of head or neck', weight: 8,
    known: [['HP:0000234', 'Abnormality of the head'], ['HP:0000271', 'Abnormality of the face', 'HP:0000234'], ['HP:0000252', 'Microcephaly', 'HP:0000234']],
    structures: ['forehead', 'philtrum', 'palate', 'mandible', 'maxilla', 'nasal bridge', 'upper lip', 'chin', 'cranial sutures', 'palpebral fissures', 'neck', 'teeth'],
    series: ['Craniosynostosis', 'Orofacial cleft', 'Mandibulofacial dysostosis'],
  },
  {
    categories: ['limb', 'limbs', 'digits'], id: 'HP:0040064', name: 'Abnormality of limbs', weight: 5,
    known: [['HP:0002813', 'Abnormal limb bone morphology'], ['HP:0001155', 'Abnormality of the hand'], ['HP:0001159', 'Syndactyly', 'HP:0001155'],
      ['HP:0010442', 'Polydactyly']],
    structures: ['thumb', 'fingers', 'toes', 'hallux', 'forearm', 'lower leg', 'wrist', 'ankle', 'phalanges', 'palmar creases', 'fifth finger'],
    series: ['Split-hand/foot malformation', 'Polydactyly, postaxial', 'Syndactyly'],
  },
  {
    categories: ['cancer', 'neoplasm', 'tumour', 'tumor'], id: 'HP:0002664', name: 'Neoplasm', weight: 4,
    known: [],
    structures: ['colon', 'breast', 'kidney', 'adrenal medulla', 'thyroid', 'skin', 'central nervous system', 'bone marrow', 'retina', 'soft tissue'],
    series: ['Cancer predisposition syndrome', 'Tumor predisposition syndrome', 'Familial adenomatous polyposis'],
  },
  {
    categories: ['prenatal', 'birth', 'fetal'], id: 'HP:0001197', name: 'Abnormality of prenatal development or birth', weight: 2,
    known: [],
    patterns: MEASURES,
    structures: ['amniotic fluid', 'placenta', 'umbilical cord', 'fetal movement', 'fetal growth', 'gestational age at birth'],
    series: ['Fetal akinesia deformation sequence', 'Lethal congenital contracture syndrome'],
  },
  {
    categories: ['voice'], id: 'HP:0001608', name: 'Abnormality of the voice', weight: 1,
    known: [], patterns: MEASURES,
    structures: ['vocal cords', 'voice pitch', 'phonation'], series: ['Dysphonia syndrome'],
  },
  {
    categories: ['constitutional'], id: 'HP:0025142', name: 'Constitutional symptom', weight: 1,
    known: [], patterns: MEASURES,
    structures: ['body temperature', 'energy level', 'appetite', 'sleep'], series: ['Periodic fever syndrome'],
  },
]

/** Intermediate real terms (parents of branches other than HP:0000118). */
export const INTERMEDIATE: [string, string][] = [['HP:0033127', 'Abnormality of the musculoskeletal system']]

/** The non-phenotype sub-ontologies (real ids): [id, name, parent]. */
export const OTHER_TOP: [string, string, string][] = [
  ['HP:0000005', 'Mode of inheritance', 'HP:0000001'],
  ['HP:0000006', 'Autosomal dominant inheritance', 'HP:0000005'],
  ['HP:0000007', 'Autosomal recessive inheritance', 'HP:0000005'],
  ['HP:0001417', 'X-linked inheritance', 'HP:0000005'],
  ['HP:0001419', 'X-linked recessive inheritance', 'HP:0001417'],
  ['HP:0001423', 'X-linked dominant inheritance', 'HP:0001417'],
  ['HP:0001427', 'Mitochondrial inheritance', 'HP:0000005'],
  ['HP:0012823', 'Clinical modifier', 'HP:0000001'],
  ['HP:0031797', 'Clinical course', 'HP:0000001'],
  ['HP:0003674', 'Onset', 'HP:0031797'],
  ['HP:0003577', 'Congenital onset', 'HP:0003674'],
  ['HP:0003623', 'Neonatal onset', 'HP:0003674'],
  ['HP:0003593', 'Infantile onset', 'HP:0003674'],
  ['HP:0011463', 'Childhood onset', 'HP:0003674'],
  ['HP:0003581', 'Adult onset', 'HP:0003674'],
  ['HP:0040279', 'Frequency', 'HP:0000001'],
  ['HP:0040280', 'Obligate', 'HP:0040279'],
  ['HP:0040281', 'Very frequent', 'HP:0040279'],
  ['HP:0040282', 'Frequent', 'HP:0040279'],
  ['HP:0040283', 'Occasional', 'HP:0040279'],
  ['HP:0040284', 'Very rare', 'HP:0040279'],
  ['HP:0040285', 'Excluded', 'HP:0040279'],
]

export const INHERITANCE = {
  AD: 'HP:0000006', AR: 'HP:0000007', XLR: 'HP:0001419', XLD: 'HP:0001423', MT: 'HP:0001427',
} as const
export const ONSETS = ['HP:0003577', 'HP:0003623', 'HP:0003593', 'HP:0011463', 'HP:0003581']
export const FREQUENCIES = ['HP:0040280', 'HP:0040281', 'HP:0040282', 'HP:0040283', 'HP:0040284']

/** Name patterns of synthetic terms ({s}: a structure). */
export const PATTERNS = [
  'Abnormal {s} morphology', 'Abnormal {s} physiology', 'Hypoplasia of the {s}', 'Aplasia of the {s}', 'Dysplasia of the {s}',
  'Atrophy of the {s}', 'Enlarged {s}', 'Reduced {s} size', 'Calcification of the {s}', 'Degeneration of the {s}', 'Cyst of the {s}',
  'Abnormal {s} function', 'Increased {s} density', 'Decreased {s} density', 'Malformation of the {s}', 'Thickened {s}', 'Thin {s}',
  'Abnormal {s} position', 'Asymmetry of the {s}', 'Fibrosis of the {s}', 'Inflammation of the {s}', 'Agenesis of the {s}',
]
export const REFINEMENTS = ['bilateral', 'unilateral', 'progressive', 'congenital', 'severe', 'mild', 'focal', 'diffuse', 'episodic', 'generalized']
/** Qualifiers of findings that already carry two refinements. */
export const COURSES = ['with onset in infancy', 'with childhood onset', 'with neonatal onset', 'with adult onset', 'with rapid progression',
  'with variable expressivity', 'with intermittent course', 'with late onset']
/** Refinements of clinical findings ("Progressive ataxia"). */
export const FINDING_REFINEMENTS = ['mild', 'moderate', 'severe', 'profound', 'progressive', 'nonprogressive', 'congenital', 'episodic', 'transient',
  'early-onset', 'late-onset', 'asymmetric']
/** Location qualifiers, used to keep synthetic names unique. */
export const LOCATIONS = ['left', 'right', 'anterior', 'posterior', 'proximal', 'distal', 'central', 'peripheral', 'superior', 'inferior']
export const SEVERITIES = ['mild', 'moderate', 'severe', 'profound']
