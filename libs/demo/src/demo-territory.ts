/**
 * The demo territory: the three départements whose facts DOMAIN.md records.
 *
 * - Haute-Saône (70): 26 public collèges; pilots at André Masson (Saint-Loup-sur-Semouse) and
 *   Romé de l'Isle (Gray) since September 2011; the 2012 wave (Vauvillers in May, Gy and Melisey
 *   in June, Vesoul in October, Luxeuil in November, Fougerolles and Héricourt in December); all
 *   others during 2013.
 * - Haute-Loire (43): 12 public collèges that already had an ENT; about 60 % of teachers use it,
 *   families too little.
 * - Savoie (73): "Cartable de Savoie", 18 public and private collèges open at the 2008 school start,
 *   about 4,500 users.
 *
 * UAIs, names and figures of real establishments are used where the open-data samples give them
 * (0700035H, 0700785Y, 0700004Z, 0430002U, 0430012E, 0430019M, 0730001E, 0730765K, 0730769P);
 * the others are plausible (valid UAI keys, real communes with their INSEE codes, approximate
 * coordinates). Dates are the historical facts; `demoYearShift` moves them next to today so that
 * the demo lies within the 13-month retention of raw events.
 */
export interface DemoEstablishment {
  uai: string;
  name: string;
  sector: 'public' | 'privé';
  departement: '70' | '43' | '73';
  communeCode: string;
  communeName: string;
  latitude: number;
  longitude: number;
  educationPrioritaire: 'REP' | 'REP+' | null;
  /** Social position index (IPS) of the establishment. */
  ips: number;
  rural: boolean;
  pupils: number;
  deployment: { status: 'pilot' | 'open' | 'planned'; openedOn: string; wave: string };
}

export interface DemoDepartement {
  code: '70' | '43' | '73';
  name: string;
  academie: { code: string; name: string };
  region: { code: string; name: string };
  /** School holiday zone of the académie. */
  holidayZone: 'A' | 'B' | 'C';
}

export const DEMO_DEPARTEMENTS: readonly DemoDepartement[] = [
  { code: '70', name: 'Haute-Saône', academie: { code: '03', name: 'Besançon' }, region: { code: '27', name: 'Bourgogne-Franche-Comté' }, holidayZone: 'A' },
  { code: '43', name: 'Haute-Loire', academie: { code: '06', name: 'Clermont-Ferrand' }, region: { code: '84', name: 'Auvergne-Rhône-Alpes' }, holidayZone: 'A' },
  { code: '73', name: 'Savoie', academie: { code: '08', name: 'Grenoble' }, region: { code: '84', name: 'Auvergne-Rhône-Alpes' }, holidayZone: 'A' },
];

// prettier-ignore
export const DEMO_ESTABLISHMENTS: readonly DemoEstablishment[] = [
  { uai: '0702101D', name: 'Collège André Masson', sector: 'public', departement: '70', communeCode: '70467', communeName: 'Saint-Loup-sur-Semouse', latitude: 47.884, longitude: 6.274, educationPrioritaire: null, ips: 97.5, rural: true, pupils: 420, deployment: { status: 'pilot', openedOn: '2011-09-01', wave: 'Pilotes 2011' } },
  { uai: '0702102E', name: 'Collège Romé de l\'Isle', sector: 'public', departement: '70', communeCode: '70279', communeName: 'Gray', latitude: 47.445, longitude: 5.59, educationPrioritaire: null, ips: 99.1, rural: false, pupils: 610, deployment: { status: 'pilot', openedOn: '2011-09-01', wave: 'Pilotes 2011' } },
  { uai: '0700035H', name: 'Collège Charles Péguy', sector: 'public', departement: '70', communeCode: '70526', communeName: 'Vauvillers', latitude: 47.923, longitude: 6.1, educationPrioritaire: null, ips: 93.8, rural: true, pupils: 152, deployment: { status: 'open', openedOn: '2012-05-14', wave: 'Vague 2012' } },
  { uai: '0702103F', name: 'Collège R. Gueux', sector: 'public', departement: '70', communeCode: '70282', communeName: 'Gy', latitude: 47.404, longitude: 5.811, educationPrioritaire: null, ips: 104.2, rural: true, pupils: 345, deployment: { status: 'open', openedOn: '2012-06-04', wave: 'Vague 2012' } },
  { uai: '0702104G', name: 'Collège des Mille Étangs', sector: 'public', departement: '70', communeCode: '70339', communeName: 'Mélisey', latitude: 47.755, longitude: 6.58, educationPrioritaire: null, ips: 95.4, rural: true, pupils: 298, deployment: { status: 'open', openedOn: '2012-06-11', wave: 'Vague 2012' } },
  { uai: '0700785Y', name: 'Collège Jean Macé', sector: 'public', departement: '70', communeCode: '70550', communeName: 'Vesoul', latitude: 47.622, longitude: 6.155, educationPrioritaire: null, ips: 105.4, rural: false, pupils: 579, deployment: { status: 'open', openedOn: '2012-10-01', wave: 'Vague 2012' } },
  { uai: '0702105H', name: 'Collège Jean Rostand', sector: 'public', departement: '70', communeCode: '70311', communeName: 'Luxeuil-les-Bains', latitude: 47.817, longitude: 6.381, educationPrioritaire: 'REP', ips: 86.9, rural: false, pupils: 512, deployment: { status: 'open', openedOn: '2012-11-05', wave: 'Vague 2012' } },
  { uai: '0702106J', name: 'Collège des Combelles', sector: 'public', departement: '70', communeCode: '70245', communeName: 'Fougerolles-Saint-Valbert', latitude: 47.885, longitude: 6.405, educationPrioritaire: null, ips: 94.7, rural: true, pupils: 388, deployment: { status: 'open', openedOn: '2012-12-03', wave: 'Vague 2012' } },
  { uai: '0702107K', name: 'Collège Pierre et Marie Curie', sector: 'public', departement: '70', communeCode: '70285', communeName: 'Héricourt', latitude: 47.577, longitude: 6.762, educationPrioritaire: 'REP', ips: 84.3, rural: false, pupils: 640, deployment: { status: 'open', openedOn: '2012-12-10', wave: 'Vague 2012' } },
  { uai: '0700004Z', name: 'Collège Gaston Ramon', sector: 'public', departement: '70', communeCode: '70198', communeName: 'Dampierre-sur-Salon', latitude: 47.555, longitude: 5.678, educationPrioritaire: null, ips: 93.8, rural: true, pupils: 327, deployment: { status: 'open', openedOn: '2013-01-07', wave: 'Généralisation 2013' } },
  { uai: '0702108L', name: 'Collège Gérôme', sector: 'public', departement: '70', communeCode: '70550', communeName: 'Vesoul', latitude: 47.625, longitude: 6.15, educationPrioritaire: null, ips: 101.7, rural: false, pupils: 702, deployment: { status: 'open', openedOn: '2013-01-07', wave: 'Généralisation 2013' } },
  { uai: '0702109M', name: 'Collège Louis Pasteur', sector: 'public', departement: '70', communeCode: '70388', communeName: 'Noidans-lès-Vesoul', latitude: 47.615, longitude: 6.125, educationPrioritaire: null, ips: 108.9, rural: false, pupils: 455, deployment: { status: 'open', openedOn: '2013-01-14', wave: 'Généralisation 2013' } },
  { uai: '0702110N', name: 'Collège Albert Jacquard', sector: 'public', departement: '70', communeCode: '70310', communeName: 'Lure', latitude: 47.683, longitude: 6.497, educationPrioritaire: null, ips: 96.2, rural: false, pupils: 598, deployment: { status: 'open', openedOn: '2013-02-04', wave: 'Généralisation 2013' } },
  { uai: '0702111P', name: 'Collège Victor Schoelcher', sector: 'public', departement: '70', communeCode: '70120', communeName: 'Champagney', latitude: 47.705, longitude: 6.683, educationPrioritaire: null, ips: 95, rural: true, pupils: 364, deployment: { status: 'open', openedOn: '2013-02-04', wave: 'Généralisation 2013' } },
  { uai: '0702112R', name: 'Collège Louis Pergaud', sector: 'public', departement: '70', communeCode: '70285', communeName: 'Héricourt', latitude: 47.574, longitude: 6.755, educationPrioritaire: null, ips: 98.8, rural: false, pupils: 433, deployment: { status: 'open', openedOn: '2013-03-04', wave: 'Généralisation 2013' } },
  { uai: '0702113S', name: 'Collège Delaunay', sector: 'public', departement: '70', communeCode: '70279', communeName: 'Gray', latitude: 47.447, longitude: 5.595, educationPrioritaire: null, ips: 97.3, rural: false, pupils: 486, deployment: { status: 'open', openedOn: '2013-03-04', wave: 'Généralisation 2013' } },
  { uai: '0702114T', name: 'Collège Jean Moulin', sector: 'public', departement: '70', communeCode: '70447', communeName: 'Rioz', latitude: 47.425, longitude: 6.066, educationPrioritaire: null, ips: 106.5, rural: true, pupils: 521, deployment: { status: 'open', openedOn: '2013-03-18', wave: 'Généralisation 2013' } },
  { uai: '0702115U', name: 'Collège Jacques Prévert', sector: 'public', departement: '70', communeCode: '70334', communeName: 'Marnay', latitude: 47.293, longitude: 5.772, educationPrioritaire: null, ips: 103.1, rural: true, pupils: 276, deployment: { status: 'open', openedOn: '2013-04-08', wave: 'Généralisation 2013' } },
  { uai: '0702116V', name: 'Collège Raoul Follereau', sector: 'public', departement: '70', communeCode: '70482', communeName: 'Scey-sur-Saône-et-Saint-Albin', latitude: 47.664, longitude: 5.972, educationPrioritaire: null, ips: 100.4, rural: true, pupils: 312, deployment: { status: 'open', openedOn: '2013-04-08', wave: 'Généralisation 2013' } },
  { uai: '0702117W', name: 'Collège Jean Jaurès', sector: 'public', departement: '70', communeCode: '70292', communeName: 'Jussey', latitude: 47.825, longitude: 5.903, educationPrioritaire: null, ips: 91.2, rural: true, pupils: 287, deployment: { status: 'open', openedOn: '2013-05-06', wave: 'Généralisation 2013' } },
  { uai: '0702118X', name: 'Collège Pierre Brossolette', sector: 'public', departement: '70', communeCode: '70421', communeName: 'Port-sur-Saône', latitude: 47.688, longitude: 6.047, educationPrioritaire: null, ips: 99.6, rural: true, pupils: 403, deployment: { status: 'open', openedOn: '2013-05-06', wave: 'Généralisation 2013' } },
  { uai: '0702119Y', name: 'Collège Jacques Brel', sector: 'public', departement: '70', communeCode: '70561', communeName: 'Villersexel', latitude: 47.551, longitude: 6.433, educationPrioritaire: null, ips: 98.1, rural: true, pupils: 341, deployment: { status: 'open', openedOn: '2013-05-21', wave: 'Généralisation 2013' } },
  { uai: '0702120Z', name: 'Collège Les Tilleuls', sector: 'public', departement: '70', communeCode: '70473', communeName: 'Saint-Sauveur', latitude: 47.805, longitude: 6.385, educationPrioritaire: null, ips: 94.2, rural: true, pupils: 258, deployment: { status: 'open', openedOn: '2013-06-03', wave: 'Généralisation 2013' } },
  { uai: '0702121A', name: 'Collège Paul Éluard', sector: 'public', departement: '70', communeCode: '70451', communeName: 'Ronchamp', latitude: 47.7, longitude: 6.636, educationPrioritaire: null, ips: 92.5, rural: true, pupils: 301, deployment: { status: 'open', openedOn: '2013-06-03', wave: 'Généralisation 2013' } },
  { uai: '0702122B', name: 'Collège Jules Ferry', sector: 'public', departement: '70', communeCode: '70408', communeName: 'Pesmes', latitude: 47.28, longitude: 5.567, educationPrioritaire: null, ips: 97.9, rural: true, pupils: 214, deployment: { status: 'open', openedOn: '2013-09-02', wave: 'Généralisation 2013' } },
  { uai: '0702123C', name: 'Collège Antoine de Saint-Exupéry', sector: 'public', departement: '70', communeCode: '70122', communeName: 'Champlitte', latitude: 47.614, longitude: 5.513, educationPrioritaire: null, ips: 95.6, rural: true, pupils: 236, deployment: { status: 'open', openedOn: '2013-09-02', wave: 'Généralisation 2013' } },
  { uai: '0430002U', name: 'Collège des Fontilles', sector: 'public', departement: '43', communeCode: '43033', communeName: 'Blesle', latitude: 45.316, longitude: 3.175, educationPrioritaire: null, ips: 105.7, rural: true, pupils: 58, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0430012E', name: 'Collège Robert Louis Stevenson', sector: 'public', departement: '43', communeCode: '43111', communeName: 'Landos', latitude: 44.842, longitude: 3.832, educationPrioritaire: null, ips: 97.6, rural: true, pupils: 158, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0430019M', name: 'Collège Val de Sénouire', sector: 'public', departement: '43', communeCode: '43148', communeName: 'Paulhaguet', latitude: 45.207, longitude: 3.512, educationPrioritaire: null, ips: 89.6, rural: true, pupils: 85, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432101A', name: 'Collège Jules Vallès', sector: 'public', departement: '43', communeCode: '43157', communeName: 'Le Puy-en-Velay', latitude: 45.043, longitude: 3.885, educationPrioritaire: 'REP', ips: 85.2, rural: false, pupils: 540, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432102B', name: 'Collège Lafayette', sector: 'public', departement: '43', communeCode: '43040', communeName: 'Brioude', latitude: 45.294, longitude: 3.384, educationPrioritaire: null, ips: 98.4, rural: false, pupils: 472, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432103C', name: 'Collège Roger Ruel', sector: 'public', departement: '43', communeCode: '43268', communeName: 'Yssingeaux', latitude: 45.143, longitude: 4.124, educationPrioritaire: null, ips: 101.9, rural: false, pupils: 498, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432104D', name: 'Collège du Monastier', sector: 'public', departement: '43', communeCode: '43135', communeName: 'Le Monastier-sur-Gazeille', latitude: 44.94, longitude: 3.994, educationPrioritaire: null, ips: 96.3, rural: true, pupils: 196, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432105E', name: 'Collège Jean Monnet', sector: 'public', departement: '43', communeCode: '43224', communeName: 'Sainte-Sigolène', latitude: 45.243, longitude: 4.235, educationPrioritaire: null, ips: 99, rural: true, pupils: 367, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432106F', name: 'Collège Les Hauts de Lignon', sector: 'public', departement: '43', communeCode: '43244', communeName: 'Tence', latitude: 45.114, longitude: 4.29, educationPrioritaire: null, ips: 102.6, rural: true, pupils: 284, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432107G', name: 'Collège Le Monteil', sector: 'public', departement: '43', communeCode: '43137', communeName: 'Monistrol-sur-Loire', latitude: 45.292, longitude: 4.172, educationPrioritaire: null, ips: 107.2, rural: false, pupils: 611, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432108H', name: 'Collège Louise Michel', sector: 'public', departement: '43', communeCode: '43012', communeName: 'Aurec-sur-Loire', latitude: 45.37, longitude: 4.2, educationPrioritaire: null, ips: 100.8, rural: true, pupils: 402, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0432109J', name: 'Collège George Sand', sector: 'public', departement: '43', communeCode: '43080', communeName: 'Craponne-sur-Arzon', latitude: 45.332, longitude: 3.848, educationPrioritaire: null, ips: 93.1, rural: true, pupils: 233, deployment: { status: 'open', openedOn: '2010-09-01', wave: 'ENT historique' } },
  { uai: '0730001E', name: 'Collège La Lauzière', sector: 'public', departement: '73', communeCode: '73212', communeName: 'Val-d\'Arc', latitude: 45.56, longitude: 6.3, educationPrioritaire: null, ips: 103.3, rural: true, pupils: 321, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0730765K', name: 'Collège privé Notre-Dame de la Villette', sector: 'privé', departement: '73', communeCode: '73213', communeName: 'La Ravoire', latitude: 45.56, longitude: 5.96, educationPrioritaire: null, ips: 113.5, rural: false, pupils: 440, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0730769P', name: 'Collège privé Fondation d\'Auteuil', sector: 'privé', departement: '73', communeCode: '73268', communeName: 'Saint-Paul-sur-Isère', latitude: 45.58, longitude: 6.43, educationPrioritaire: null, ips: 103.5, rural: true, pupils: 138, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732101M', name: 'Collège Louise de Savoie', sector: 'public', departement: '73', communeCode: '73065', communeName: 'Chambéry', latitude: 45.566, longitude: 5.921, educationPrioritaire: null, ips: 110.2, rural: false, pupils: 688, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732102N', name: 'Collège Jules Ferry', sector: 'public', departement: '73', communeCode: '73065', communeName: 'Chambéry', latitude: 45.579, longitude: 5.936, educationPrioritaire: 'REP+', ips: 78.4, rural: false, pupils: 402, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732103P', name: 'Collège Henry Bordeaux', sector: 'public', departement: '73', communeCode: '73087', communeName: 'Cognin', latitude: 45.561, longitude: 5.894, educationPrioritaire: null, ips: 106.7, rural: false, pupils: 517, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732104R', name: 'Collège de la Vanoise', sector: 'public', departement: '73', communeCode: '73157', communeName: 'Modane', latitude: 45.2, longitude: 6.668, educationPrioritaire: null, ips: 99.4, rural: true, pupils: 212, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732105S', name: 'Collège Marlioz', sector: 'public', departement: '73', communeCode: '73008', communeName: 'Aix-les-Bains', latitude: 45.678, longitude: 5.912, educationPrioritaire: null, ips: 104.8, rural: false, pupils: 603, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732106T', name: 'Collège Garibaldi', sector: 'public', departement: '73', communeCode: '73008', communeName: 'Aix-les-Bains', latitude: 45.692, longitude: 5.919, educationPrioritaire: 'REP', ips: 88.7, rural: false, pupils: 455, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732107U', name: 'Collège Pierre Grange', sector: 'public', departement: '73', communeCode: '73011', communeName: 'Albertville', latitude: 45.676, longitude: 6.392, educationPrioritaire: null, ips: 102.1, rural: false, pupils: 566, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732108V', name: 'Collège Jean Moulin', sector: 'public', departement: '73', communeCode: '73011', communeName: 'Albertville', latitude: 45.669, longitude: 6.386, educationPrioritaire: 'REP', ips: 87.3, rural: false, pupils: 498, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732109W', name: 'Collège Saint-Exupéry', sector: 'public', departement: '73', communeCode: '73054', communeName: 'Bourg-Saint-Maurice', latitude: 45.618, longitude: 6.769, educationPrioritaire: null, ips: 108.3, rural: true, pupils: 421, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732110X', name: 'Collège Maurienne', sector: 'public', departement: '73', communeCode: '73248', communeName: 'Saint-Jean-de-Maurienne', latitude: 45.276, longitude: 6.345, educationPrioritaire: null, ips: 97.8, rural: false, pupils: 534, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732111Y', name: 'Collège Charles Dullin', sector: 'public', departement: '73', communeCode: '73330', communeName: 'Yenne', latitude: 45.703, longitude: 5.758, educationPrioritaire: null, ips: 101.4, rural: true, pupils: 309, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732112Z', name: 'Collège Pierre Dumas', sector: 'public', departement: '73', communeCode: '73204', communeName: 'Le Pont-de-Beauvoisin', latitude: 45.537, longitude: 5.673, educationPrioritaire: null, ips: 96.9, rural: true, pupils: 346, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732113A', name: 'Collège Le Guiers', sector: 'public', departement: '73', communeCode: '73236', communeName: 'Saint-Genix-les-Villages', latitude: 45.599, longitude: 5.636, educationPrioritaire: null, ips: 99.2, rural: true, pupils: 288, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732114B', name: 'Collège Frison-Roche', sector: 'public', departement: '73', communeCode: '73179', communeName: 'La Motte-Servolex', latitude: 45.596, longitude: 5.877, educationPrioritaire: null, ips: 111.6, rural: false, pupils: 592, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
  { uai: '0732115C', name: 'Collège privé Saint-François de Sales', sector: 'privé', departement: '73', communeCode: '73065', communeName: 'Chambéry', latitude: 45.57, longitude: 5.925, educationPrioritaire: null, ips: 117.9, rural: false, pupils: 376, deployment: { status: 'open', openedOn: '2008-09-01', wave: 'Cartable de Savoie 2008' } },
];

/** Enrolment of a demo establishment for a school year, derived from its pupils. */
export function demoEnrolment(e: DemoEstablishment): { pupils: number; families: number; teachers: number; staff: number } {
  return {
    pupils: e.pupils,
    // Siblings share a household.
    families: Math.round(e.pupils * 0.82),
    teachers: Math.max(6, Math.round(e.pupils / 13)),
    staff: Math.max(5, Math.round(e.pupils / 28) + 4),
  };
}

/**
 * Years added to the historical dates so that the 2012-2013 school year of the facts becomes the
 * school year before the one containing `today` (school years start on 1 September).
 */
export function demoYearShift(today: Date = new Date()): number {
  const schoolYearStart = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return schoolYearStart - 1 - 2012;
}

/** Shifts an ISO date (YYYY-MM-DD) of the facts by `years`. */
export function shiftDemoDate(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-');
  return `${Number(y) + years}-${m}-${d}`;
}
