<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AbcDialog</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="231" />
        <source>Haemorrhage volume (ABC/2)</source>
        <translation>Volume de l'hématome (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="244" />
        <source>A: largest diameter</source>
        <translation>A : plus grand diamètre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="245" />
        <source>B: diameter perpendicular to A</source>
        <translation>B : diamètre perpendiculaire à A</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="246" />
        <source>Slices with haemorrhage</source>
        <translation>Coupes avec hématome</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="247" />
        <source>Slice thickness</source>
        <translation>Épaisseur de coupe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="248" />
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="249" />
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="282" />
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
    <name>CaseWindow</name>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="90" />
        <source>Opening the case…</source>
        <translation>Ouverture du dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="163" />
        <source>The case could not be opened: %1</source>
        <translation>Le dossier n'a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="164" />
        <source>no images</source>
        <translation>aucune image</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="196" />
        <source>Hub unreachable, still watching: %1</source>
        <translation>Hub injoignable, surveillance maintenue : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="209" />
        <source>New series arrived: %1</source>
        <translation>Nouvelle(s) série(s) arrivée(s) : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="210" />
        <source>show</source>
        <translation>afficher</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main.py" line="142" />
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="203" />
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="207" />
        <source>Unclaimed</source>
        <translation>Non prises</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="208" />
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="209" />
        <source>All open</source>
        <translation>Toutes (ouvertes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="210" />
        <source>Finished today</source>
        <translation>Terminées aujourd'hui</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="219" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="221" />
        <source>Claim</source>
        <translation>Prendre en charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="223" />
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="225" />
        <source>Hand back…</source>
        <translation>Rendre…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="228" />
        <source>Accept the ED's cancellation…</source>
        <translation>Accepter l'annulation des urgences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="231" />
        <source>Mute</source>
        <translation>Muet</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="238" />
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="240" />
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="304" />
        <source>1 request open — updated %1</source>
        <translation>1 demande ouverte — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="306" />
        <source>%2 requests open — updated %1</source>
        <translation>%2 demandes ouvertes — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="316" />
        <location filename="../../app/ui/main.py" line="405" />
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="318" />
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="321" />
        <source>Hub unreachable: %1 — last successful refresh %2</source>
        <translation>Hub injoignable : %1 — dernière actualisation réussie %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="384" />
        <source>Live updates (event channel)</source>
        <translation>Mises à jour en direct (canal d'événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="386" />
        <source>Event channel lost — polling every %1 s</source>
        <translation>Canal d'événements perdu — interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="388" />
        <source>Polling every %1 s (the hub has no event channel)</source>
        <translation>Interrogation toutes les %1 s (le hub n'a pas de canal d'événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="392" />
        <source>Polling every %1 s</source>
        <translation>Interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="429" />
        <source>Select a waiting request to claim it.</source>
        <translation>Sélectionnez une demande en attente pour la prendre en charge.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="435" />
        <source>Claimed: you are reading this request.</source>
        <translation>Prise en charge : vous interprétez cette demande.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="440" />
        <source>Someone else</source>
        <translation>Quelqu'un d'autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="442" />
        <source>%1 claimed this request first.</source>
        <translation>%1 a pris cette demande en charge avant vous.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="459" />
        <source>Select a request you claimed on this workstation.</source>
        <translation>Sélectionnez une demande prise en charge sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="474" />
        <source>Hand back</source>
        <translation>Rendre la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="474" />
        <source>Why do you hand this request back?</source>
        <translation>Pourquoi rendez-vous cette demande ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="483" />
        <source>Handed back: the request is waiting for another radiologist.</source>
        <translation>Demande rendue : elle attend un autre radiologue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="495" />
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="495" />
        <source>Reason recorded with the cancellation:</source>
        <translation>Motif enregistré avec l'annulation :</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="502" />
        <source>The request is cancelled.</source>
        <translation>La demande est annulée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="517" />
        <source>Claim this request first (Ctrl+Enter).</source>
        <translation>Prenez d'abord cette demande en charge (Ctrl+Entrée).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="520" />
        <source>someone else</source>
        <translation>quelqu'un d'autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="521" />
        <source>%1 is reading this request.</source>
        <translation>%1 interprète cette demande.</translation>
    </message>
</context>
<context>
    <name>Pane</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="148" />
        <source>No %1 series in this study</source>
        <translation>Aucune série %1 dans cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="162" />
        <source>Waiting for %1…</source>
        <translation>En attente de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="301" />
        <source>t = %1 s (%2/%3), space: play</source>
        <translation>t = %1 s (%2/%3), espace : lecture</translation>
    </message>
</context>
<context>
    <name>ProtocolView</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="446" />
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
    <name>SeriesRow</name>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="141" />
        <source>%1 × %2 × %3</source>
        <translation>%1 × %2 × %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="144" />
        <source>(%n volumes)</source>
        <translation>
            <numerusform>(%n volume)</numerusform><numerusform>(%n volumes)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="146" />
        <source>%n image(s), not a volume</source>
        <translation>
            <numerusform>%n image, pas un volume</numerusform><numerusform>%n images, pas un volume</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="148" />
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform><numerusform>%n images</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="151" />
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="152" />
        <source>loading</source>
        <translation>chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="153" />
        <source>complete</source>
        <translation>complète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="154" />
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="155" />
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="156" />
        <source>canceled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="164" />
        <source>Not a volume: %1</source>
        <translation>Pas un volume : %1</translation>
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
        <location filename="../../app/ui/viewer/toolbar.py" line="39" />
        <source>Viewer tools</source>
        <translation>Outils de la visionneuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="44" />
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="48" />
        <source>Brain</source>
        <translation>Cerveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="49" />
        <source>Stroke</source>
        <translation>AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="50" />
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="51" />
        <source>Bone</source>
        <translation>Os</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="52" />
        <source>Angio</source>
        <translation>Angio</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="57" />
        <source>Series window  [0]</source>
        <translation>Fenêtre de la série  [0]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="58" />
        <source>Automatic (percentiles)  [A]</source>
        <translation>Automatique (percentiles)  [A]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="59" />
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="64" />
        <source>Slab</source>
        <translation>Épaisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>Thin</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>Average</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="73" />
        <source>Slab projection (M cycles)</source>
        <translation>Projection de l'épaisseur (M pour changer)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="82" />
        <source>Slab thickness (+ / -)</source>
        <translation>Épaisseur de la projection (+ / -)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="90" />
        <source>Navigate</source>
        <translation>Naviguer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="90" />
        <source>Crosshair, scroll, window (Esc)</source>
        <translation>Réticule, défilement, fenêtrage (Échap)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="91" />
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="91" />
        <source>Two clicks measure a distance (D)</source>
        <translation>Deux clics mesurent une distance (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="92" />
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="92" />
        <source>Two corners of an ellipse: mean, SD, area (E)</source>
        <translation>Deux coins d'une ellipse : moyenne, écart type, surface (E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="102" />
        <source>ABC/2…</source>
        <translation>ABC/2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="103" />
        <source>Haemorrhage volume by ABC/2</source>
        <translation>Volume de l'hématome par ABC/2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="107" />
        <source>Oblique</source>
        <translation>Oblique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="109" />
        <source>Left drag turns the planes (O; ctrl + drag anytime)</source>
        <translation>Le glisser gauche fait tourner les plans (O ; ctrl + glisser à tout moment)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="112" />
        <source>3D: volume rendering</source>
        <translation>3D : rendu volumique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="114" />
        <source>3-D view: MIP or volume rendering (CTA preset)</source>
        <translation>Vue 3D : MIP ou rendu volumique (préréglage angio-TDM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="117" />
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="118" />
        <source>Fit the views, undo the oblique rotation (R)</source>
        <translation>Ajuster les vues, annuler la rotation oblique (R)</translation>
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="116" />
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="129" />
        <source>Series</source>
        <translation>Séries</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="137" />
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="147" />
        <source>&amp;Protocol</source>
        <translation>&amp;Protocole</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="149" />
        <source>Cancel loading</source>
        <translation>Annuler le chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="160" />
        <source>StrokeLink viewer</source>
        <translation>Visionneuse StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="166" />
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="173" />
        <source>No images to show: %1</source>
        <translation>Aucune image à afficher : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="175" />
        <source>The folder could not be read: %1</source>
        <translation>Le dossier n'a pas pu être lu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="241" />
        <source>Loading stopped: %1</source>
        <translation>Chargement interrompu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="278" />
        <source>Non-contrast CT</source>
        <translation>Scanner sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="279" />
        <source>CT angiography</source>
        <translation>Angioscanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="280" />
        <source>MR stroke (DWI / ADC / FLAIR)</source>
        <translation>IRM AVC (diffusion / ADC / FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="281" />
        <source>CT perfusion source images</source>
        <translation>Images sources de perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="282" />
        <source>Multiplanar (any series)</source>
        <translation>Multiplanaire (toute série)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="326" />
        <source>%1 — StrokeLink viewer</source>
        <translation>%1 — Visionneuse StrokeLink</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="330" />
        <source>Images of %n different patients in this study: check every view's identity</source>
        <translation>
            <numerusform>Images de %n patient différent dans cet examen : vérifiez l'identité de chaque vue</numerusform><numerusform>Images de %n patients différents dans cet examen : vérifiez l'identité de chaque vue</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="347" />
        <source>%n file(s) skipped: not DICOM or unreadable</source>
        <translation>
            <numerusform>%n fichier ignoré : non DICOM ou illisible</numerusform><numerusform>%n fichiers ignorés : non DICOM ou illisibles</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="356" />
        <source>Loading: %1 of %2 images</source>
        <translation>Chargement : %1 images sur %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="359" />
        <source>%n series</source>
        <translation>
            <numerusform>%n série</numerusform><numerusform>%n séries</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="362" />
        <source>%n incomplete</source>
        <translation>
            <numerusform>%n incomplète</numerusform><numerusform>%n incomplètes</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="364" />
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
        <translation>Annulé</translation>
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