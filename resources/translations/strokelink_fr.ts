<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AbcDialog</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="243" />
        <source>Haemorrhage volume (ABC/2)</source>
        <translation>Volume de l'hématome (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="256" />
        <source>A: largest diameter</source>
        <translation>A : plus grand diamètre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="257" />
        <source>B: diameter perpendicular to A</source>
        <translation>B : diamètre perpendiculaire à A</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="258" />
        <source>Slices with haemorrhage</source>
        <translation>Coupes avec hématome</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="259" />
        <source>Slice thickness</source>
        <translation>Épaisseur de coupe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="260" />
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="261" />
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="265" />
        <source>Put in the opinion</source>
        <translation>Reporter dans l'avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="306" />
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
</context>
<context>
    <name>Alerter</name>
    <message>
        <location filename="../../app/ui/alerts.py" line="125" />
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="157" />
        <source>%1 — %2 — NIHSS %3</source>
        <translation>%1 — %2 — NIHSS %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="172" />
        <source>1 request still unclaimed after %1 min</source>
        <translation>1 demande toujours non prise en charge après %1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="174" />
        <source>%2 requests still unclaimed after %1 min</source>
        <translation>%2 demandes toujours non prises en charge après %1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="179" />
        <source>1 new stroke request</source>
        <translation>1 nouvelle demande AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="181" />
        <source>%2 new stroke requests</source>
        <translation>%2 nouvelles demandes AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="190" />
        <source>%1 asks to cancel a request you are reading: %2</source>
        <translation>%1 demande l'annulation d'une demande que vous interprétez : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts.py" line="194" />
        <source>Cancellation requested by the ED</source>
        <translation>Annulation demandée par les urgences</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../app/ui/alerts.py" line="83" />
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>CaseServices</name>
    <message>
        <location filename="../../app/ui/case_services.py" line="156" />
        <source>No system keyring is available: cached images are encrypted with a key kept only while StrokeLink runs, so they are downloaded again after a restart.</source>
        <translation>Aucun trousseau système n'est disponible : les images en cache sont chiffrées avec une clé conservée seulement pendant l'exécution de StrokeLink ; elles seront donc téléchargées à nouveau après un redémarrage.</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="105" />
        <source>Opening the case…</source>
        <translation>Ouverture du dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="192" />
        <source>The case could not be opened: %1</source>
        <translation>Le dossier n'a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="193" />
        <source>no images</source>
        <translation>aucune image</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="225" />
        <source>Hub unreachable, still watching: %1</source>
        <translation>Hub injoignable, surveillance maintenue : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="271" />
        <source>New series arrived: %1</source>
        <translation>Nouvelle(s) série(s) arrivée(s) : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="272" />
        <source>show</source>
        <translation>afficher</translation>
    </message>
</context>
<context>
    <name>ClinicalPanel</name>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="212" />
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="214" />
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="215" />
        <source>e.g. CH Verdun, Urgences</source>
        <translation>ex. CH Verdun, Urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="216" />
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="217" />
        <source>FAMILY^Given</source>
        <translation>NOM^Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="218" />
        <source>Physician</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="219" />
        <source>e.g. +33 3 29 00 20 02</source>
        <translation>ex. +33 3 29 00 20 02</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="221" />
        <source>Call-back phone</source>
        <translation>Téléphone de rappel</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="227" />
        <source>Thrombolysis? Thrombectomy?</source>
        <translation>Thrombolyse ? Thrombectomie ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="228" />
        <source>Thrombolysis?</source>
        <translation>Thrombolyse ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="229" />
        <source>Thrombectomy? Transfer?</source>
        <translation>Thrombectomie ? Transfert ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="230" />
        <source>Haemorrhage? Neurosurgical advice?</source>
        <translation>Hémorragie ? Avis neurochirurgical ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="231" />
        <source>Which imaging? (protocol advice)</source>
        <translation>Quelle imagerie ? (avis sur le protocole)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="237" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="238" />
        <source>High (stroke alert)</source>
        <translation>Haute (alerte thrombolyse)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="238" />
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="239" />
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="241" />
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="242" />
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="243" />
        <source>Accession number</source>
        <translation>Numéro d'examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="245" />
        <source>Patient's condition</source>
        <translation>État du patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="250" />
        <source>Unknown / wake-up</source>
        <translation>Inconnue / au réveil</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="252" />
        <source>Wake-up stroke (time: last seen well)</source>
        <translation>AVC du réveil (heure : dernière fois vu bien)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="253" />
        <source>Onset time unknown</source>
        <translation>Heure de début inconnue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="265" />
        <source>Last known well</source>
        <translation>Dernière heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="270" />
        <source>Witnessed symptom onset</source>
        <translation>Début des symptômes (témoin)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="273" />
        <source>0 to %1</source>
        <translation>0 à %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="274" />
        <source>NIHSS (%1–%2)</source>
        <translation>NIHSS (%1–%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="277" />
        <source>None</source>
        <comment>anticoagulant treatment</comment>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="282" />
        <source>Unknown</source>
        <comment>anticoagulant treatment</comment>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="278" />
        <source>Antiplatelet</source>
        <translation>Antiagrégant plaquettaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="279" />
        <source>Vitamin K antagonist</source>
        <translation>Antivitamine K (AVK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="280" />
        <source>Direct oral anticoagulant</source>
        <translation>Anticoagulant oral direct (AOD)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="281" />
        <source>Heparin</source>
        <translation>Héparine</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="286" />
        <source>Anticoagulant / antiplatelet</source>
        <translation>Anticoagulant / antiagrégant</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="303" />
        <source>Glucose</source>
        <translation>Glycémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="310" />
        <source>/</source>
        <comment>systolic / diastolic blood pressure</comment>
        <translation>/</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="312" />
        <source>mmHg</source>
        <translation>mmHg</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="313" />
        <source>Blood pressure</source>
        <translation>Pression artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="316" />
        <source>Pre-stroke mRS (%1–%2)</source>
        <translation>mRS antérieur (%1–%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="322" />
        <source>Deficit, history, treatments, anything the radiologist should know</source>
        <translation>Déficit, antécédents, traitements, tout ce que le radiologue doit savoir</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="330" />
        <source>History</source>
        <translation>Histoire clinique</translation>
    </message>
</context>
<context>
    <name>EdMainWindow</name>
    <message>
        <location filename="../../app/ui/ed/window.py" line="97" />
        <location filename="../../app/ui/ed/window.py" line="120" />
        <source>StrokeLink — emergency department</source>
        <translation>StrokeLink — urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="109" />
        <source>New request</source>
        <translation>Nouvelle demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="110" />
        <source>My site's requests</source>
        <translation>Demandes de mon site</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="121" />
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="152" />
        <source>Could not save the site and physician for next time.</source>
        <translation>Impossible d'enregistrer le site et le médecin pour la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="187" />
        <source>Amended opinion received</source>
        <translation>Avis rectifié reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="189" />
        <source>Preliminary opinion received</source>
        <translation>Avis préliminaire reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="191" />
        <source>Opinion received</source>
        <translation>Avis reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="195" />
        <source>%1 — from %2 — request: %3</source>
        <translation>%1 — de %2 — demande : %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="205" />
        <source>%1 is reading your request (%2).</source>
        <translation>%1 lit votre demande (%2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="206" />
        <source>A radiologist</source>
        <translation>Un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="209" />
        <source>Request claimed</source>
        <translation>Demande prise en charge</translation>
    </message>
</context>
<context>
    <name>IdentityOverrideDialog</name>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="49" />
        <source>Override the identity check</source>
        <translation>Passer outre la vérification d'identité</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="53" />
        <source>The patient of the request and of the images differ:
%1

Send anyway only if you are sure it is the same patient. Your reason is recorded with the opinion and the override is audited.</source>
        <translation>Le patient de la demande et celui des images diffèrent :
%1

N'envoyez quand même que si vous êtes certain qu'il s'agit du même patient. Votre motif est enregistré avec l'avis et la décision est tracée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="61" />
        <source>Reason (required)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
</context>
<context>
    <name>ImagesPanel</name>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="117" />
        <location filename="../../app/ui/ed/images_panel.py" line="147" />
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="118" />
        <source>Choose a folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="119" />
        <source>A folder, a USB stick or a CD (Ctrl+O)</source>
        <translation>Un dossier, une clé USB ou un CD (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="121" />
        <source>Open a DICOMDIR…</source>
        <translation>Ouvrir un DICOMDIR…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="123" />
        <source>From the hospital PACS…</source>
        <translation>Depuis le PACS de l'hôpital…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="124" />
        <source>Search the hospital PACS and retrieve a study</source>
        <translation>Rechercher dans le PACS de l'hôpital et récupérer un examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="126" />
        <source>No images</source>
        <translation>Sans images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="127" />
        <source>Send the request without images (protocol advice)</source>
        <translation>Envoyer la demande sans images (avis sur le protocole)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="135" />
        <source>or drop a folder or a DICOMDIR on this window</source>
        <translation>ou déposez un dossier ou un DICOMDIR sur cette fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="147" />
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="147" />
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="147" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="166" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="176" />
        <location filename="../../app/ui/ed/images_panel.py" line="190" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="177" />
        <location filename="../../app/ui/ed/images_panel.py" line="191" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="178" />
        <location filename="../../app/ui/ed/images_panel.py" line="193" />
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="179" />
        <location filename="../../app/ui/ed/images_panel.py" line="194" />
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="180" />
        <source>I confirm this is the patient of this request</source>
        <translation>Je confirme qu'il s'agit du patient de cette demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="190" />
        <source>FAMILY^Given</source>
        <translation>NOM^Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="192" />
        <source>Issuer of the ID</source>
        <translation>Émetteur de l'ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="193" />
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="194" />
        <source>M, F or O</source>
        <translation>M, F ou O</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="202" />
        <source>No images: type the patient's identity.</source>
        <translation>Sans images : saisissez l'identité du patient.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="224" />
        <source>Images of the request</source>
        <translation>Images de la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="230" />
        <source>DICOMDIR of the CD or USB stick</source>
        <translation>DICOMDIR du CD ou de la clé USB</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="230" />
        <source>DICOMDIR (DICOMDIR)</source>
        <translation>DICOMDIR (DICOMDIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="241" />
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="257" />
        <source>The images hold several studies; a request carries one: choose it.</source>
        <translation>Les images contiennent plusieurs examens ; une demande n'en porte qu'un : choisissez-le.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="265" />
        <source>The images could not be read (%1).</source>
        <translation>Les images n'ont pas pu être lues (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="328" />
        <source>Choose the study…</source>
        <translation>Choisir l'examen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="331" />
        <source>%1 — %2 — %3 series, %4 images</source>
        <translation>%1 — %2 — %3 séries, %4 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="339" />
        <source>From %1</source>
        <translation>Depuis %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="340" />
        <source>No images chosen.</source>
        <translation>Aucune image choisie.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="345" />
        <source>%1 — %2, %3 — %4 of %5 series ticked, %6 images</source>
        <translation>%1 — %2, %3 — %4 séries cochées sur %5, %6 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="347" />
        <source>(no description)</source>
        <translation>(sans description)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="354" />
        <source>1 file that is not a DICOM image was left aside.</source>
        <translation>1 fichier qui n'est pas une image DICOM a été écarté.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="356" />
        <source>%1 files that are not DICOM images were left aside.</source>
        <translation>%1 fichiers qui ne sont pas des images DICOM ont été écartés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="377" />
        <source>(left out by default)</source>
        <translation>(exclu par défaut)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="401" />
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="403" />
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="406" />
        <source> — %1 years</source>
        <translation> — %1 ans</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="408" />
        <location filename="../../app/ui/ed/images_panel.py" line="411" />
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="410" />
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="410" />
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="410" />
        <source>Other</source>
        <comment>sex</comment>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main.py" line="150" />
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="213" />
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="217" />
        <source>Unclaimed</source>
        <translation>Non prises</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="218" />
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="219" />
        <source>All open</source>
        <translation>Toutes (ouvertes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="220" />
        <source>Finished today</source>
        <translation>Terminées aujourd'hui</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="229" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="231" />
        <source>Claim</source>
        <translation>Prendre en charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="233" />
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="235" />
        <source>Hand back…</source>
        <translation>Rendre…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="238" />
        <source>Accept the ED's cancellation…</source>
        <translation>Accepter l'annulation des urgences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="241" />
        <source>Mute</source>
        <translation>Muet</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="248" />
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="250" />
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="314" />
        <source>1 request open — updated %1</source>
        <translation>1 demande ouverte — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="316" />
        <source>%2 requests open — updated %1</source>
        <translation>%2 demandes ouvertes — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="326" />
        <location filename="../../app/ui/main.py" line="415" />
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="328" />
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="331" />
        <source>Hub unreachable: %1 — last successful refresh %2</source>
        <translation>Hub injoignable : %1 — dernière actualisation réussie %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="394" />
        <source>Live updates (event channel)</source>
        <translation>Mises à jour en direct (canal d'événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="396" />
        <source>Event channel lost — polling every %1 s</source>
        <translation>Canal d'événements perdu — interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="398" />
        <source>Polling every %1 s (the hub has no event channel)</source>
        <translation>Interrogation toutes les %1 s (le hub n'a pas de canal d'événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="402" />
        <source>Polling every %1 s</source>
        <translation>Interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="439" />
        <source>Select a waiting request to claim it.</source>
        <translation>Sélectionnez une demande en attente pour la prendre en charge.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="445" />
        <source>Claimed: you are reading this request.</source>
        <translation>Prise en charge : vous interprétez cette demande.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="450" />
        <source>Someone else</source>
        <translation>Quelqu'un d'autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="452" />
        <source>%1 claimed this request first.</source>
        <translation>%1 a pris cette demande en charge avant vous.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="469" />
        <source>Select a request you claimed on this workstation.</source>
        <translation>Sélectionnez une demande prise en charge sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="484" />
        <source>Hand back</source>
        <translation>Rendre la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="484" />
        <source>Why do you hand this request back?</source>
        <translation>Pourquoi rendez-vous cette demande ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="493" />
        <source>Handed back: the request is waiting for another radiologist.</source>
        <translation>Demande rendue : elle attend un autre radiologue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="505" />
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="505" />
        <source>Reason recorded with the cancellation:</source>
        <translation>Motif enregistré avec l'annulation :</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="512" />
        <source>The request is cancelled.</source>
        <translation>La demande est annulée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="527" />
        <source>Claim this request first (Ctrl+Enter).</source>
        <translation>Prenez d'abord cette demande en charge (Ctrl+Entrée).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="530" />
        <source>someone else</source>
        <translation>quelqu'un d'autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="531" />
        <source>%1 is reading this request.</source>
        <translation>%1 interprète cette demande.</translation>
    </message>
</context>
<context>
    <name>OpenCase</name>
    <message>
        <location filename="../../app/ui/case_opener.py" line="127" />
        <source>Opinion</source>
        <extracomment>The viewer's dark style sheet cascades into its docks; the opinion panel is light (its own rules win, being nearer): give everything else back a light look.</extracomment>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_opener.py" line="200" />
        <source>No image on screen to capture.</source>
        <translation>Aucune image à l'écran à capturer.</translation>
    </message>
</context>
<context>
    <name>OpinionForm</name>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="150" />
        <source>Series read</source>
        <translation>Séries lues</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="156" />
        <source>The images are not listed yet.</source>
        <translation>Les images ne sont pas encore listées.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="163" />
        <source>&amp;Haemorrhage</source>
        <translation>&amp;Hémorragie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="177" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="179" />
        <location filename="../../app/ui/opinion/form.py" line="207" />
        <source>Not stated</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="181" />
        <location filename="../../app/ui/opinion/form.py" line="209" />
        <source>Side</source>
        <translation>Côté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="194" />
        <source>Volume (ABC/2)</source>
        <translation>Volume (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="195" />
        <source>From the viewer's ABC/2 measurement, or typed</source>
        <translation>Issu de la mesure ABC/2 de la visionneuse, ou saisi</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="204" />
        <source>&amp;Early ischaemic signs</source>
        <translation>Signes précoces d'&amp;ischémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="214" />
        <source>H&amp;yperdense artery</source>
        <translation>H&amp;yperdensité artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="215" />
        <location filename="../../app/ui/opinion/form.py" line="249" />
        <source>Not scored</source>
        <translation>Non coté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="216" />
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="217" />
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="223" />
        <source>&amp;ASPECTS hemisphere</source>
        <translation>Hémisphère &amp;ASPECTS</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="243" />
        <source>Tick the regions with early ischaemic change</source>
        <translation>Cocher les régions présentant des signes précoces d'ischémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="250" />
        <source>Scored</source>
        <translation>Coté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="257" />
        <source>&amp;pc-ASPECTS</source>
        <translation>&amp;pc-ASPECTS</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="276" />
        <source>Vessel &amp;occlusion</source>
        <translation>&amp;Occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="278" />
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="278" />
        <source>Present</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="300" />
        <source>Occluded vessels and side</source>
        <translation>Artères occluses et côté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="303" />
        <source>Tandem lesion</source>
        <translation>Lésion en tandem</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="306" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="306" />
        <source>Suspected</source>
        <translation>Suspectée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="309" />
        <source>Dissection</source>
        <translation>Dissection</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="317" />
        <source>Pe&amp;rfusion</source>
        <translation>Pe&amp;rfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="319" />
        <source>Not read</source>
        <translation>Non lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="320" />
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="336" />
        <source>Core</source>
        <translation>Cœur</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="338" />
        <source>Hypoperfusion</source>
        <translation>Hypoperfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="350" />
        <source>MRI: DWI / FLAIR</source>
        <translation>IRM : diffusion / FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="352" />
        <source>&amp;DWI lesion</source>
        <translation>Lésion en &amp;diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="354" />
        <source>not measured</source>
        <translation>non mesuré</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="358" />
        <source>DWI volume</source>
        <translation>Volume en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="360" />
        <source>DWI/FLAIR mismatch</source>
        <translation>Mismatch diffusion/FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="363" />
        <source>Other findings and limitations</source>
        <translation>Autres anomalies et limites</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="369" />
        <source>Other &amp;findings</source>
        <translation>Autres a&amp;nomalies</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="382" />
        <source>&amp;Limitations</source>
        <translation>&amp;Limites</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="384" />
        <source>Other limitation, in words</source>
        <translation>Autre limite, en toutes lettres</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="391" />
        <source>Conclusion and recommendation</source>
        <translation>Conclusion et conduite à tenir</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="397" />
        <source>&amp;Conclusion</source>
        <translation>&amp;Conclusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="404" />
        <source>IV &amp;thrombolysis</source>
        <translation>&amp;Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="406" />
        <source>Why: e.g. haemorrhage, extensive infarct</source>
        <translation>Pourquoi : p. ex. hémorragie, infarctus étendu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="411" />
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="419" />
        <source>Throm&amp;bectomy</source>
        <translation>Throm&amp;bectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="424" />
        <source>Other advice</source>
        <translation>Autre conduite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="429" />
        <source>Free te&amp;xt</source>
        <translation>Te&amp;xte libre</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="434" />
        <source>Dr …</source>
        <translation>Dr …</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="437" />
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="440" />
        <source>at</source>
        <translation>à</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="446" />
        <source>Result &amp;phoned to</source>
        <translation>R&amp;ésultat téléphoné à</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="474" />
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="494" />
        <source>Penumbra %1 mL
Mismatch ratio %2</source>
        <translation>Pénombre %1 mL
Ratio de mismatch %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="509" />
        <source>(0028,2110) Lossy Image Compression says a series read was lossy-compressed</source>
        <translation>(0028,2110) Lossy Image Compression indique qu'une série lue a subi une compression avec perte</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="541" />
        <source>ASPECTS %1</source>
        <translation>ASPECTS %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="549" />
        <source>pc-ASPECTS %1</source>
        <translation>pc-ASPECTS %1</translation>
    </message>
</context>
<context>
    <name>OpinionPanel</name>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="25" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="26" />
        <source>Issuer of Patient ID</source>
        <translation>Émetteur de l'ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="27" />
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="28" />
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="29" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="35" />
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="37" />
        <source>%1: request %2, images %3</source>
        <translation>%1 : demande %2, images %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="100" />
        <source>Override with a reason…</source>
        <translation>Passer outre, avec un motif…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="105" />
        <source>Amend…</source>
        <translation>Rectifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="148" />
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="158" />
        <source>ID %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="164" />
        <source>Question: %1</source>
        <translation>Question : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="176" />
        <source>Key images</source>
        <translation>Images clés</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="179" />
        <source>Capture the view (Ctrl+K)</source>
        <translation>Capturer la vue (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="182" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="197" />
        <source>None yet: capture the current view, annotations included.</source>
        <translation>Aucune pour l'instant : capturer la vue courante, annotations comprises.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="208" />
        <source>Missing before sending</source>
        <translation>Manquant avant l'envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="222" />
        <source>Send preliminary</source>
        <translation>Envoyer un avis préliminaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="225" />
        <source>Ctrl+Shift+P — the request stays in progress; the final opinion follows</source>
        <translation>Ctrl+Maj+P — la demande reste en cours ; l'avis définitif suivra</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="227" />
        <location filename="../../app/ui/opinion/panel.py" line="395" />
        <source>Sign and send final</source>
        <translation>Signer et envoyer l'avis définitif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="229" />
        <source>Ctrl+Shift+Enter — completes the request</source>
        <translation>Ctrl+Maj+Entrée — clôt la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="281" />
        <source>Received after the opinion was signed, and not read in it: %1. Read it; correct the opinion if it changes anything.</source>
        <translation>Reçue après la signature de l'avis, et non lue pour celui-ci : %1. La lire ; rectifier l'avis si elle change quelque chose.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="292" />
        <source>Final opinion signed by %1 at %2 and delivered. To correct it, send an amendment.</source>
        <translation>Avis définitif signé par %1 à %2 et remis. Pour le corriger, envoyer une rectification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="295" />
        <source>Final opinion signed by %1 at %2; it can no longer change. It can be amended once delivered.</source>
        <translation>Avis définitif signé par %1 à %2 ; il ne peut plus être modifié. Il pourra être rectifié une fois remis.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="302" />
        <source>Amendment of the final opinion: %1</source>
        <translation>Rectification de l'avis définitif : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="307" />
        <source>Preliminary opinion sent; this draft is the final opinion.</source>
        <translation>Avis préliminaire envoyé ; ce brouillon est l'avis définitif.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="319" />
        <source> (restored)</source>
        <translation> (restauré)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="320" />
        <source>Draft saved %1</source>
        <translation>Brouillon enregistré à %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="322" />
        <source>The saved draft of this case could not be read.</source>
        <translation>Le brouillon enregistré de ce dossier n'a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="327" />
        <source>Last known well: unknown</source>
        <translation>Dernière fois vu normal : inconnue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="333" />
        <source>LKW %1 h %2 min ago (%3)</source>
        <translation>Vu normal il y a %1 h %2 min (%3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="345" />
        <source>Identity: checked once the images are listed.</source>
        <translation>Identité : vérifiée dès que les images sont listées.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="348" />
        <source>Identity differs between the request and the images — sending is blocked:</source>
        <translation>L'identité diffère entre la demande et les images — l'envoi est bloqué :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="353" />
        <source>Identity differences overridden by %1: %2</source>
        <translation>Écarts d'identité acceptés par %1 : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="357" />
        <source>Identity: the request and the images match (ID and issuer, birth date, sex, name).</source>
        <translation>Identité : la demande et les images concordent (ID et émetteur, date de naissance, sexe, nom).</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="378" />
        <source>Nothing missing: ready to sign.</source>
        <translation>Rien ne manque : prêt à signer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="395" />
        <source>Sign and send the amendment</source>
        <translation>Signer et envoyer la rectification</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="402" />
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="418" />
        <source>Signing and putting the opinion in the outbox…</source>
        <translation>Signature et dépôt de l'avis dans la boîte d'envoi…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="442" />
        <source>Not sent: see what is missing before sending.</source>
        <translation>Non envoyé : voir ce qui manque avant l'envoi.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="444" />
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="507" />
        <source>Amend the opinion</source>
        <translation>Rectifier l'avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="507" />
        <source>What does the amendment correct?</source>
        <translation>Que corrige la rectification ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="48" />
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="49" />
        <source>sending</source>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="50" />
        <source>delivered</source>
        <translation>remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="51" />
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="58" />
        <source>Amended opinion</source>
        <translation>Avis rectifié</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="60" />
        <source>Final opinion</source>
        <translation>Avis définitif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="62" />
        <source>Preliminary opinion</source>
        <translation>Avis préliminaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="73" />
        <source>next try %1</source>
        <translation>prochain essai %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="285" />
        <source>An opinion is not delivered yet:</source>
        <translation>Un avis n'est pas encore remis :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="287" />
        <source>%1 opinions are not delivered yet:</source>
        <translation>%1 avis ne sont pas encore remis :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="295" />
        <source>They stay in the outbox and are sent when StrokeLink starts again. Quit anyway?</source>
        <translation>Ils restent dans la boîte d'envoi et seront envoyés au prochain démarrage de StrokeLink. Quitter quand même ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="303" />
        <source>Opinions not delivered</source>
        <translation>Avis non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="26" />
        <location filename="../../app/ui/opinion/words.py" line="63" />
        <location filename="../../app/ui/opinion/words.py" line="82" />
        <source>Not assessed</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="27" />
        <source>Absent</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="28" />
        <location filename="../../app/ui/opinion/words.py" line="33" />
        <source>Present</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="33" />
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="42" />
        <source>L</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="42" />
        <source>R</source>
        <translation>D</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="44" />
        <location filename="../../app/ui/opinion/words.py" line="49" />
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="44" />
        <location filename="../../app/ui/opinion/words.py" line="50" />
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="53" />
        <source>L+R</source>
        <translation>G+D</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="53" />
        <source>Both</source>
        <translation>Les deux</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="55" />
        <source>Bilateral</source>
        <translation>Bilatéral</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="66" />
        <source>No imaging contraindication</source>
        <translation>Pas de contre-indication en imagerie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="69" />
        <source>Contraindicated</source>
        <translation>Contre-indiquée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="72" />
        <location filename="../../app/ui/opinion/words.py" line="92" />
        <source>Pending (more imaging)</source>
        <translation>En attente (imagerie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="74" />
        <location filename="../../app/ui/opinion/words.py" line="94" />
        <source>Decision awaits further imaging (preliminary opinion only)</source>
        <translation>Décision en attente d'imagerie complémentaire (avis préliminaire seulement)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="85" />
        <source>Candidate → transfer</source>
        <translation>Candidat → transfert</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="87" />
        <source>Candidate: transfer to a thrombectomy centre</source>
        <translation>Candidat : transfert vers un centre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="89" />
        <source>Not a candidate</source>
        <translation>Non candidat</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="102" />
        <source>Intraparenchymal</source>
        <translation>Intraparenchymateuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="103" />
        <source>Subarachnoid</source>
        <translation>Sous-arachnoïdienne</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="104" />
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="105" />
        <source>Extradural</source>
        <translation>Extradurale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="106" />
        <source>Intraventricular</source>
        <translation>Intraventriculaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="107" />
        <source>Haemorrhagic transformation</source>
        <translation>Transformation hémorragique</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="114" />
        <source>Cervical ICA</source>
        <translation>ACI cervicale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="115" />
        <source>Carotid T</source>
        <translation>T carotidien</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="116" />
        <source>M1</source>
        <translation>M1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="117" />
        <source>M2</source>
        <translation>M2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="118" />
        <source>M3 / distal</source>
        <translation>M3 / distale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="119" />
        <source>ACA</source>
        <translation>ACA</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="120" />
        <source>Vertebral</source>
        <translation>Vertébrale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="121" />
        <source>Basilar</source>
        <translation>Tronc basilaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="122" />
        <source>PCA</source>
        <translation>ACP</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="129" />
        <source>Left thalamus</source>
        <translation>Thalamus gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="130" />
        <source>Right thalamus</source>
        <translation>Thalamus droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="131" />
        <source>Left cerebellum</source>
        <translation>Hémisphère cérébelleux gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="132" />
        <source>Right cerebellum</source>
        <translation>Hémisphère cérébelleux droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="133" />
        <source>Left PCA territory</source>
        <translation>Territoire ACP gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="134" />
        <source>Right PCA territory</source>
        <translation>Territoire ACP droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="135" />
        <source>Midbrain (2)</source>
        <translation>Mésencéphale (2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="136" />
        <source>Pons (2)</source>
        <translation>Protubérance (2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="143" />
        <source>Caudate</source>
        <translation>Noyau caudé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="144" />
        <source>Lentiform nucleus</source>
        <translation>Noyau lenticulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="145" />
        <source>Internal capsule</source>
        <translation>Capsule interne</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="146" />
        <source>Insular ribbon</source>
        <translation>Ruban insulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="147" />
        <source>Anterior MCA cortex (M1)</source>
        <translation>Cortex sylvien antérieur (M1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="148" />
        <source>MCA cortex lateral to the insula (M2)</source>
        <translation>Cortex sylvien latéral à l'insula (M2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="149" />
        <source>Posterior MCA cortex (M3)</source>
        <translation>Cortex sylvien postérieur (M3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="150" />
        <source>Anterior MCA territory above M1 (M4)</source>
        <translation>Territoire sylvien antérieur au-dessus de M1 (M4)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="151" />
        <source>Lateral MCA territory above M2 (M5)</source>
        <translation>Territoire sylvien latéral au-dessus de M2 (M5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="152" />
        <source>Posterior MCA territory above M3 (M6)</source>
        <translation>Territoire sylvien postérieur au-dessus de M3 (M6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="159" />
        <source>Motion</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="160" />
        <source>Incomplete coverage</source>
        <translation>Couverture incomplète</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="161" />
        <source>Lossy-compressed images</source>
        <translation>Images compressées avec perte</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="168" />
        <source>Localizer</source>
        <translation>Localisateur</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="169" />
        <source>NCCT</source>
        <translation>TDM sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="170" />
        <source>CTA</source>
        <translation>Angio-TDM</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="171" />
        <source>CT perfusion</source>
        <translation>Perfusion TDM</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="172" />
        <source>DWI</source>
        <translation>Diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="173" />
        <source>ADC</source>
        <translation>ADC</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="174" />
        <source>FLAIR</source>
        <translation>FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="175" />
        <source>SWI</source>
        <translation>SWI</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="176" />
        <source>MRA (TOF)</source>
        <translation>ARM (TOF)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="177" />
        <source>T1</source>
        <translation>T1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="178" />
        <source>T2</source>
        <translation>T2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="179" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="202" />
        <source>Series read: tick the series you read</source>
        <translation>Séries lues : cocher les séries lues</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="203" />
        <source>Haemorrhage: state whether there is one</source>
        <translation>Hémorragie : indiquer s'il y en a une</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="204" />
        <source>Haemorrhage: give its type</source>
        <translation>Hémorragie : en préciser le type</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="205" />
        <source>Vessel occlusion: an angiography was read; state whether a vessel is occluded</source>
        <translation>Occlusion artérielle : une angiographie a été lue ; indiquer si une artère est occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="209" />
        <source>Vessel occlusion: tick the occluded vessel</source>
        <translation>Occlusion artérielle : cocher l'artère occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="210" />
        <source>Vessel occlusion: give the side of each occluded vessel</source>
        <translation>Occlusion artérielle : préciser le côté de chaque artère occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="213" />
        <source>IV thrombolysis: say why it is contraindicated</source>
        <translation>Thrombolyse IV : préciser la contre-indication</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="216" />
        <source>Signature: your name is missing from the radiologist settings</source>
        <translation>Signature : votre nom manque dans les réglages du radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="219" />
        <source>Signature: your organisation is missing from the radiologist settings</source>
        <translation>Signature : votre établissement manque dans les réglages du radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="222" />
        <source>Patient identity: the request and the images differ (see above)</source>
        <translation>Identité du patient : la demande et les images diffèrent (voir ci-dessus)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="225" />
        <source>This request is not claimed on this workstation</source>
        <translation>Cette demande n'est pas prise en charge sur ce poste</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="226" />
        <source>The case's images are not listed yet</source>
        <translation>Les images du dossier ne sont pas encore listées</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="227" />
        <source>A key image can no longer be rebuilt: remove it and capture it again</source>
        <translation>Une image clé ne peut plus être reconstruite : la retirer et la capturer à nouveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="230" />
        <source>The final opinion is already signed</source>
        <translation>L'avis définitif est déjà signé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="234" />
        <source>IV thrombolysis</source>
        <translation>Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="236" />
        <source>Thrombectomy</source>
        <translation>Thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="239" />
        <source>%1: a final opinion cannot leave it pending</source>
        <translation>%1 : un avis définitif ne peut pas le laisser en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="242" />
        <source>%1: state the advice</source>
        <translation>%1 : indiquer la conduite à tenir</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="244" />
        <source>A series read is not among the study's images</source>
        <translation>Une série lue ne fait pas partie des images de l'examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="246" />
        <source>The opinion is for another study than the images</source>
        <translation>L'avis porte sur un autre examen que les images</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="250" />
        <source>ASPECTS: regions ticked while early ischaemic signs are absent</source>
        <translation>ASPECTS : régions cochées alors que les signes précoces d'ischémie sont absents</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="254" />
        <source>Perfusion: the hypoperfused volume includes the core; it cannot be smaller</source>
        <translation>Perfusion : le volume hypoperfusé inclut le cœur ; il ne peut pas être plus petit</translation>
    </message>
</context>
<context>
    <name>OpinionView</name>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="78" />
        <location filename="../../app/ui/ed/opinion_view.py" line="167" />
        <source>Acknowledge: I have read this opinion</source>
        <translation>Accuser réception : j'ai lu cet avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="79" />
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="84" />
        <source>Open the PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="132" />
        <source>AMENDED OPINION</source>
        <translation>AVIS RECTIFIÉ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="134" />
        <source>PRELIMINARY OPINION</source>
        <translation>AVIS PRÉLIMINAIRE</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="135" />
        <source>FINAL OPINION</source>
        <translation>AVIS DÉFINITIF</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="141" />
        <source>(replaced)</source>
        <translation>(remplacé)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="165" />
        <source>✓ Acknowledged</source>
        <translation>✓ Réception accusée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="189" />
        <source>Select a request to see its answer.</source>
        <translation>Sélectionnez une demande pour voir sa réponse.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="190" />
        <source>No opinion yet for this request.</source>
        <translation>Pas encore d'avis pour cette demande.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="199" />
        <source>By %1, signed %2</source>
        <translation>Par %1, signé le %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="208" />
        <source>Amended: %1</source>
        <translation>Rectifié : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="215" />
        <source>A later opinion replaces this one: read the latest.</source>
        <translation>Un avis ultérieur remplace celui-ci : lisez le plus récent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="223" />
        <source>Patient: %1 — ID %2 — born %3 — sex %4</source>
        <translation>Patient : %1 — ID %2 — né(e) le %3 — sexe %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="236" />
        <source>Haemorrhage</source>
        <translation>Hémorragie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="237" />
        <source>Vessel occlusion</source>
        <translation>Occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="238" />
        <source>IV thrombolysis</source>
        <translation>Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="239" />
        <source>Thrombectomy</source>
        <translation>Thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="267" />
        <source>Key images</source>
        <translation>Images clés</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="272" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="287" />
        <source>Not acknowledged yet.</source>
        <translation>Réception pas encore accusée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="292" />
        <source>Read by %1 (%2) at %3</source>
        <translation>Lu par %1 (%2) le %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="305" />
        <source>Image not available</source>
        <translation>Image indisponible</translation>
    </message>
</context>
<context>
    <name>OptionalDateTime</name>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="69" />
        <source>—  (type the time)</source>
        <extracomment>Which widget row shows a problem of each schema field.</extracomment>
        <translation>—  (tapez l'heure)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="80" />
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="170" />
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="171" />
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="173" />
        <source>Write the opinion's DICOM files and PDF to a folder (not encrypted)</source>
        <translation>Écrire les fichiers DICOM et le PDF de l'avis dans un dossier (non chiffrés)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="216" />
        <source>Outbox: empty</source>
        <translation>Boîte d'envoi : vide</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="218" />
        <source>Outbox: every opinion delivered</source>
        <translation>Boîte d'envoi : tous les avis sont remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="220" />
        <source>Outbox: %1 not delivered</source>
        <translation>Boîte d'envoi : %1 non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="257" />
        <source>Export the opinion to…</source>
        <translation>Exporter l'avis vers…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="264" />
        <source>Export failed: %1</source>
        <translation>Échec de l'export : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="267" />
        <source>%1 files written to %2</source>
        <translation>%1 fichiers écrits dans %2</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../app/ui/case_services.py" line="250" />
        <source>Outbox</source>
        <translation>Boîte d'envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="273" />
        <source>Outbox (%1)</source>
        <translation>Boîte d'envoi (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="279" />
        <source>1 opinion not delivered</source>
        <translation>1 avis non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="281" />
        <source>%1 opinions not delivered</source>
        <translation>%1 avis non remis</translation>
    </message>
</context>
<context>
    <name>PacsSource</name>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="99" />
        <source>Images from the hospital PACS</source>
        <translation>Images du PACS de l'hôpital</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="107" />
        <source>Hospital PACS</source>
        <translation>PACS de l'hôpital</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="109" />
        <source>host name or address</source>
        <translation>nom d'hôte ou adresse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="112" />
        <source>the PACS's AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="115" />
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="116" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="117" />
        <source>PACS AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="118" />
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="120" />
        <location filename="../../app/ui/ed/pacs_source.py" line="127" />
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="123" />
        <source>FAMILY^Given, * allowed</source>
        <translation>NOM^Prénom, * permis</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="125" />
        <source>YYYYMMDD or YYYYMMDD-YYYYMMDD</source>
        <translation>AAAAMMJJ ou AAAAMMJJ-AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="131" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="132" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="133" />
        <location filename="../../app/ui/ed/pacs_source.py" line="146" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="134" />
        <source>Accession number</source>
        <translation>Numéro d'examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="146" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="146" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="147" />
        <source>Modalities</source>
        <translation>Modalités</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="147" />
        <source>Accession</source>
        <translation>N° d'examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="159" />
        <source>Retrieve</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="162" />
        <location filename="../../app/ui/ed/pacs_source.py" line="227" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="177" />
        <source>Series to retrieve</source>
        <translation>Séries à récupérer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="192" />
        <source>Give the PACS's host, port (1–65535) and AE title.</source>
        <translation>Indiquez l'hôte, le port (1–65535) et l'AE title du PACS.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="204" />
        <source>Could not save the PACS settings for next time.</source>
        <translation>Impossible d'enregistrer les réglages du PACS pour la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="215" />
        <source>Retrieval stopped.</source>
        <translation>Récupération arrêtée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="219" />
        <source>The PACS could not be queried (%1).</source>
        <translation>Le PACS n'a pas pu être interrogé (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="227" />
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="242" />
        <source>Search by patient ID, name, date or accession number.</source>
        <translation>Recherchez par ID patient, nom, date ou numéro d'examen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="245" />
        <source>Searching %1…</source>
        <translation>Recherche sur %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="267" />
        <source>%1 studies found.</source>
        <translation>%1 examens trouvés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="268" />
        <source>No study found.</source>
        <translation>Aucun examen trouvé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="279" />
        <source>Listing the series…</source>
        <translation>Liste des séries…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="291" />
        <source>%1%2 — %3, %4 images</source>
        <translation>%1%2 — %3, %4 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="299" />
        <source>(localiser, left out by default)</source>
        <translation>(localisateur, exclu par défaut)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="304" />
        <source>Tick the series to retrieve.</source>
        <translation>Cochez les séries à récupérer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="323" />
        <source>Tick at least one series.</source>
        <translation>Cochez au moins une série.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="332" />
        <source>Retrieving %1 series…</source>
        <translation>Récupération de %1 série(s)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="352" />
        <source>Retrieved.</source>
        <translation>Récupéré.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="364" />
        <source>Stopping…</source>
        <translation>Arrêt…</translation>
    </message>
</context>
<context>
    <name>Pane</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="152" />
        <source>No %1 series in this study</source>
        <translation>Aucune série %1 dans cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="166" />
        <source>Waiting for %1…</source>
        <translation>En attente de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="305" />
        <source>t = %1 s (%2/%3), space: play</source>
        <translation>t = %1 s (%2/%3), espace : lecture</translation>
    </message>
</context>
<context>
    <name>ProtocolView</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="450" />
        <source>not linked: different frame of reference</source>
        <translation>non synchronisé : référentiel différent</translation>
    </message>
</context>
<context>
    <name>RequestDetails</name>
    <message>
        <location filename="../../app/ui/request_details.py" line="23" />
        <source>Request details (temporary view)</source>
        <translation>Détails de la demande (vue provisoire)</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="35" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="36" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="37" />
        <source>Birth date / sex</source>
        <translation>Date de naissance / sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="38" />
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="39" />
        <source>Requesting physician</source>
        <translation>Médecin demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="40" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="41" />
        <source>Since last known well</source>
        <translation>Depuis dernière preuve de normalité</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="42" />
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="43" />
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="44" />
        <source>Studies</source>
        <translation>Examens</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="45" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/request_details.py" line="46" />
        <source>Workitem</source>
        <translation>Workitem</translation>
    </message>
</context>
<context>
    <name>RequestTab</name>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="137" />
        <source>Send the request</source>
        <translation>Envoyer la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="138" />
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="143" />
        <source>Cancel sending</source>
        <translation>Annuler l'envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="145" />
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="147" />
        <source>New request</source>
        <translation>Nouvelle demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="199" />
        <location filename="../../app/ui/ed/request_tab.py" line="366" />
        <source>Fill in the request; fields marked * are required.</source>
        <translation>Remplissez la demande ; les champs marqués * sont obligatoires.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="205" />
        <source>A request was not completely sent (%1 of %2 images on the hub): Retry.</source>
        <translation>Une demande n'a pas été entièrement envoyée (%1 images sur %2 sur le hub) : Réessayer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="218" />
        <source>Check the fields marked in red.</source>
        <translation>Vérifiez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="226" />
        <source>These images cannot be sent: choose others, or 'No images'.</source>
        <translation>Ces images ne peuvent pas être envoyées : choisissez-en d'autres, ou « Sans images ».</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="231" />
        <source>Tick at least one series to send.</source>
        <translation>Cochez au moins une série à envoyer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="234" />
        <source>Confirm that these images are of your patient.</source>
        <translation>Confirmez que ces images sont celles de votre patient.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="250" />
        <source>Send without images?</source>
        <translation>Envoyer sans images ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="252" />
        <source>No images are attached: the radiologist gets the request alone (e.g. for protocol advice). Send it?</source>
        <translation>Aucune image n'est jointe : le radiologue reçoit la demande seule (par ex. pour un avis sur le protocole). L'envoyer ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="294" />
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="300" />
        <source>Cancelling after the current batch…</source>
        <translation>Annulation après le lot en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="308" />
        <source>Sending %1: %2 of %3 images</source>
        <translation>Envoi de %1 : %2 images sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="311" />
        <source>The request is on the hub (%4): the radiologist is alerted; %2 of %3 images sent</source>
        <translation>La demande est sur le hub (%4) : le radiologue est alerté ; %2 images envoyées sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="314" />
        <source>%2 of %3 images sent</source>
        <translation>%2 images envoyées sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="325" />
        <source>Request sent: %1 series, %2 images on the hub (%3).</source>
        <translation>Demande envoyée : %1 séries, %2 images sur le hub (%3).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="331" />
        <source>Request sent without images.</source>
        <translation>Demande envoyée sans images.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="341" />
        <source>Sending cancelled</source>
        <translation>Envoi annulé</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="341" />
        <source>Sending failed</source>
        <translation>Échec de l'envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="351" />
        <source>Unexpected error (%1): nothing more was sent.</source>
        <translation>Erreur inattendue (%1) : rien de plus n'a été envoyé.</translation>
    </message>
</context>
<context>
    <name>RequestsTab</name>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="143" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="144" />
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="148" />
        <source>Cancel the request…</source>
        <translation>Annuler la demande…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="149" />
        <source>e.g. patient transferred, symptoms resolved</source>
        <translation>ex. patient transféré, symptômes régressifs</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="198" />
        <source>Your site is not set: send a request, or start with --site.</source>
        <translation>Votre site n'est pas défini : envoyez une demande, ou lancez avec --site.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="234" />
        <source>%1: %2 requests in the last 24 h — updated %3</source>
        <translation>%1 : %2 demandes ces dernières 24 h — mis à jour à %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="235" />
        <source>%1: 1 request in the last 24 h — updated %3</source>
        <translation>%1 : 1 demande ces dernières 24 h — mis à jour à %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="250" />
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="252" />
        <source>last update %1</source>
        <translation>dernière mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="294" />
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="295" />
        <source>Why is the request cancelled? (e.g. patient transferred)</source>
        <translation>Pourquoi la demande est-elle annulée ? (ex. patient transféré)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="301" />
        <source>Acknowledge</source>
        <translation>Accuser réception</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="301" />
        <source>Your name (FAMILY^Given):</source>
        <translation>Votre nom (NOM^Prénom) :</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="316" />
        <source>Acknowledged: the radiologist sees you read it.</source>
        <translation>Réception accusée : le radiologue voit que vous l'avez lu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="338" />
        <source>No application to open the PDF: %1</source>
        <translation>Aucune application pour ouvrir le PDF : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="356" />
        <source>Select a request waiting or being read to cancel it.</source>
        <translation>Sélectionnez une demande en attente ou en cours de lecture pour l'annuler.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="376" />
        <source>Cancellation asked: a waiting request is cancelled at once, one being read once the radiologist accepts.</source>
        <translation>Annulation demandée : une demande en attente est annulée aussitôt, une demande en cours de lecture dès que le radiologue accepte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="386" />
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
</context>
<context>
    <name>SeriesRow</name>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="142" />
        <source>%1 × %2 × %3</source>
        <translation>%1 × %2 × %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="145" />
        <source>(%n volumes)</source>
        <translation>
            <numerusform>(%n volume)</numerusform>
            <numerusform>(%n volumes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="147" />
        <source>%n image(s), not a volume</source>
        <translation>
            <numerusform>%n image, pas un volume</numerusform>
            <numerusform>%n images, pas un volume</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="149" />
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="152" />
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="153" />
        <source>loading</source>
        <translation>chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="154" />
        <source>complete</source>
        <translation>complète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="155" />
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="156" />
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="157" />
        <source>canceled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="165" />
        <source>Not a volume: %1</source>
        <translation>Pas un volume : %1</translation>
    </message>
</context>
<context>
    <name>SiteRequestsModel</name>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="86" />
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="87" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="88" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="89" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="90" />
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="91" />
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="122" />
        <source>Waiting for a radiologist</source>
        <translation>En attente d'un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="124" />
        <source>Being read by %1</source>
        <translation>En cours de lecture par %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="124" />
        <source>a radiologist</source>
        <translation>un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="126" />
        <source>Preliminary answer (%1)</source>
        <translation>Réponse préliminaire (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="128" />
        <source>Answered by %1</source>
        <translation>Répondue par %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="130" />
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="135" />
        <source>cancellation asked</source>
        <translation>annulation demandée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="143" />
        <source>To read and acknowledge</source>
        <translation>À lire et accuser réception</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="146" />
        <source>Read by %1 at %2</source>
        <translation>Lu par %1 à %2</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="20" />
        <source>intraparenchymal</source>
        <translation>intraparenchymateuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="23" />
        <source>subarachnoid</source>
        <translation>sous-arachnoïdienne</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="24" />
        <source>subdural</source>
        <translation>sous-durale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="25" />
        <source>extradural</source>
        <translation>extradurale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="26" />
        <source>intraventricular</source>
        <translation>intraventriculaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="29" />
        <source>haemorrhagic transformation</source>
        <translation>transformation hémorragique</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="37" />
        <source>cervical ICA</source>
        <translation>ACI cervicale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="38" />
        <source>carotid T</source>
        <translation>T carotidien</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="39" />
        <source>M1</source>
        <translation>M1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="40" />
        <source>M2</source>
        <translation>M2</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="41" />
        <source>M3/distal MCA</source>
        <translation>M3/ACM distale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="42" />
        <source>ACA</source>
        <translation>ACA</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="43" />
        <source>vertebral artery</source>
        <translation>artère vertébrale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="44" />
        <source>basilar artery</source>
        <translation>tronc basilaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="45" />
        <source>PCA</source>
        <translation>ACP</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="51" />
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="52" />
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="53" />
        <source>bilateral</source>
        <translation>bilatérale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="64" />
        <source>left %1</source>
        <translation>%1 gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="65" />
        <source>right %1</source>
        <translation>%1 droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="66" />
        <source>bilateral %1</source>
        <translation>%1 bilatérale</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="72" />
        <source>Not assessed</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="76" />
        <source>Decision pending further imaging</source>
        <translation>Décision en attente d'imagerie complémentaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="81" />
        <source>NO HAEMORRHAGE</source>
        <translation>PAS D'HÉMORRAGIE</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="87" />
        <source>%1 mL (ABC/2)</source>
        <translation>%1 mL (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="93" />
        <source>HAEMORRHAGE: %1</source>
        <translation>HÉMORRAGIE : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="94" />
        <source>HAEMORRHAGE</source>
        <translation>HÉMORRAGIE</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="101" />
        <source>No vessel occlusion</source>
        <translation>Pas d'occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="103" />
        <source>site not given</source>
        <translation>site non précisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="107" />
        <source>OCCLUSION: %1 (tandem lesion)</source>
        <translation>OCCLUSION : %1 (lésion en tandem)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="109" />
        <source>OCCLUSION: %1</source>
        <translation>OCCLUSION : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="113" />
        <source>Not assessed (no angiography read)</source>
        <translation>Non évalué (pas d'angiographie lue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="119" />
        <source>No imaging contraindication</source>
        <translation>Pas de contre-indication en imagerie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="123" />
        <source>CONTRAINDICATED: %1</source>
        <translation>CONTRE-INDIQUÉE : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="126" />
        <source>CONTRAINDICATED</source>
        <translation>CONTRE-INDIQUÉE</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="135" />
        <source>CANDIDATE: transfer to a thrombectomy centre</source>
        <translation>CANDIDAT : transfert vers un centre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/verdict_words.py" line="139" />
        <source>Not a candidate</source>
        <translation>Non candidat</translation>
    </message>
</context>
<context>
    <name>Viewer2D</name>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="177" />
        <source>No image received yet</source>
        <translation>Aucune image reçue pour l'instant</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="179" />
        <source>Image %1 / %2</source>
        <translation>Image %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="182" />
        <source>colour image</source>
        <translation>image couleur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="187" />
        <source>2-D viewer — not a volume: %1</source>
        <translation>Visionneuse 2D — pas un volume : %1</translation>
    </message>
</context>
<context>
    <name>ViewerToolBar</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="45" />
        <source>Viewer tools</source>
        <translation>Outils de la visionneuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="50" />
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="54" />
        <source>Brain</source>
        <translation>Cerveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="55" />
        <source>Stroke</source>
        <translation>AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="56" />
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="57" />
        <source>Bone</source>
        <translation>Os</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="58" />
        <source>Angio</source>
        <translation>Angio</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="63" />
        <source>Series window  [0]</source>
        <translation>Fenêtre de la série  [0]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="64" />
        <source>Automatic (percentiles)  [A]</source>
        <translation>Automatique (percentiles)  [A]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="65" />
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="70" />
        <source>Slab</source>
        <translation>Épaisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="75" />
        <source>Thin</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="75" />
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="75" />
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="75" />
        <source>Average</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="79" />
        <source>Slab projection (M cycles)</source>
        <translation>Projection de l'épaisseur (M pour changer)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="88" />
        <source>Slab thickness (+ / -)</source>
        <translation>Épaisseur de la projection (+ / -)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="96" />
        <source>Navigate</source>
        <translation>Naviguer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="96" />
        <source>Crosshair, scroll, window (Esc)</source>
        <translation>Réticule, défilement, fenêtrage (Échap)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="97" />
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="97" />
        <source>Two clicks measure a distance (D)</source>
        <translation>Deux clics mesurent une distance (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="98" />
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="98" />
        <source>Two corners of an ellipse: mean, SD, area (E)</source>
        <translation>Deux coins d'une ellipse : moyenne, écart type, surface (E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="108" />
        <source>ABC/2…</source>
        <translation>ABC/2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="109" />
        <source>Haemorrhage volume by ABC/2</source>
        <translation>Volume de l'hématome par ABC/2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="113" />
        <source>Oblique</source>
        <translation>Oblique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="115" />
        <source>Left drag turns the planes (O; ctrl + drag anytime)</source>
        <translation>Le glisser gauche fait tourner les plans (O ; ctrl + glisser à tout moment)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="118" />
        <source>3D: volume rendering</source>
        <translation>3D : rendu volumique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="120" />
        <source>3-D view: MIP or volume rendering (CTA preset)</source>
        <translation>Vue 3D : MIP ou rendu volumique (préréglage angio-TDM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="123" />
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="124" />
        <source>Fit the views, undo the oblique rotation (R)</source>
        <translation>Ajuster les vues, annuler la rotation oblique (R)</translation>
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="117" />
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="130" />
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="138" />
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="148" />
        <source>&amp;Protocol</source>
        <translation>&amp;Protocole</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="150" />
        <source>Cancel loading</source>
        <translation>Annuler le chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="161" />
        <source>StrokeLink viewer</source>
        <translation>Visionneuse StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="167" />
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="174" />
        <source>No images to show: %1</source>
        <translation>Aucune image à afficher : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="176" />
        <source>The folder could not be read: %1</source>
        <translation>Le dossier n'a pas pu être lu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="244" />
        <source>Loading stopped: %1</source>
        <translation>Chargement interrompu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="281" />
        <source>Non-contrast CT</source>
        <translation>Scanner sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="282" />
        <source>CT angiography</source>
        <translation>Angioscanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="283" />
        <source>MR stroke (DWI / ADC / FLAIR)</source>
        <translation>IRM AVC (diffusion / ADC / FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="284" />
        <source>CT perfusion source images</source>
        <translation>Images sources de perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="285" />
        <source>Multiplanar (any series)</source>
        <translation>Multiplanaire (toute série)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="329" />
        <source>%1 — StrokeLink viewer</source>
        <translation>%1 — Visionneuse StrokeLink</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="333" />
        <source>Images of %n different patients in this study: check every view's identity</source>
        <translation>
            <numerusform>Images de %n patient différent dans cet examen : vérifiez l'identité de chaque vue</numerusform>
            <numerusform>Images de %n patients différents dans cet examen : vérifiez l'identité de chaque vue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="350" />
        <source>%n file(s) skipped: not DICOM or unreadable</source>
        <translation>
            <numerusform>%n fichier ignoré : non DICOM ou illisible</numerusform>
            <numerusform>%n fichiers ignorés : non DICOM ou illisibles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="359" />
        <source>Loading: %1 of %2 images</source>
        <translation>Chargement : %1 images sur %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="362" />
        <source>%n series</source>
        <translation>
            <numerusform>%n série</numerusform>
            <numerusform>%n séries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="365" />
        <source>%n incomplete</source>
        <translation>
            <numerusform>%n incomplète</numerusform>
            <numerusform>%n incomplètes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="367" />
        <source>loading canceled</source>
        <translation>chargement annulé</translation>
    </message>
</context>
<context>
    <name>WorklistTableModel</name>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="84" />
        <source>Priority</source>
        <extracomment>Background of the "since last known well" cell per band (see LkwThresholds).</extracomment>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="85" />
        <source>Waiting</source>
        <comment>column: time since the request</comment>
        <translation>Attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="86" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="87" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="88" />
        <source>Age / sex</source>
        <translation>Âge / sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="89" />
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="90" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="91" />
        <source>Since last known well</source>
        <translation>Depuis dernière preuve de normalité</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="92" />
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="93" />
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="94" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="95" />
        <source>Claimed by</source>
        <translation>Pris par</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="126" />
        <source>ED asks to cancel</source>
        <comment>request state</comment>
        <translation>Annulation demandée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="128" />
        <source>Waiting</source>
        <comment>request state</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="129" />
        <source>Being read</source>
        <comment>request state</comment>
        <translation>En lecture</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="130" />
        <source>Answered</source>
        <comment>request state</comment>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="131" />
        <source>Cancelled</source>
        <comment>request state</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="136" />
        <source>STAT</source>
        <translation>Immédiate</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="137" />
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="138" />
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="139" />
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="176" />
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="197" />
        <source>The emergency department asks to cancel: %1 (%2)</source>
        <translation>Les urgences demandent l'annulation : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="205" />
        <source>Within the IV thrombolysis window</source>
        <translation>Dans la fenêtre de thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="207" />
        <source>Past the thrombolysis window; thrombectomy window</source>
        <translation>Hors fenêtre de thrombolyse ; fenêtre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="209" />
        <source>Extended thrombectomy window (imaging selection)</source>
        <translation>Fenêtre étendue de thrombectomie (sélection par l'imagerie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="210" />
        <source>Beyond the reperfusion windows</source>
        <translation>Au-delà des fenêtres de reperfusion</translation>
    </message>
</context>
</TS>