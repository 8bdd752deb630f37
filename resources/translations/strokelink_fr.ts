<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AbcDialog</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="231" />
        <source>Haemorrhage volume (ABC/2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="244" />
        <source>A: largest diameter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="245" />
        <source>B: diameter perpendicular to A</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="246" />
        <source>Slices with haemorrhage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="247" />
        <source>Slice thickness</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="248" />
        <source>C</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="249" />
        <source>Volume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="282" />
        <source>%1 mL</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="162" />
        <source>Waiting for %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="299" />
        <source>t = %1 s (%2/%3), space: play</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProtocolView</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="443" />
        <source>not linked: different frame of reference</source>
        <translation type="unfinished" />
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
        <location filename="../../app/ui/viewer/browser.py" line="139" />
        <source>%1 × %2 × %3</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="142" />
        <source>(%n volumes)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="144" />
        <source>%n image(s), not a volume</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="146" />
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="149" />
        <source>waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="150" />
        <source>loading</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="151" />
        <source>complete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="152" />
        <source>incomplete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="153" />
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="154" />
        <source>canceled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="162" />
        <source>Not a volume: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Viewer2D</name>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="179" />
        <source>No image received yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="181" />
        <source>Image %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="184" />
        <source>colour image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="189" />
        <source>2-D viewer — not a volume: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ViewerToolBar</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="39" />
        <source>Viewer tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="44" />
        <source>Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="48" />
        <source>Brain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="49" />
        <source>Stroke</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="50" />
        <source>Subdural</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="51" />
        <source>Bone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="52" />
        <source>Angio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="57" />
        <source>Series window  [0]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="58" />
        <source>Automatic (percentiles)  [A]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="59" />
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="64" />
        <source>Slab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>Thin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>MIP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>MinIP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="69" />
        <source>Average</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="73" />
        <source>Slab projection (M cycles)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="82" />
        <source>Slab thickness (+ / -)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="90" />
        <source>Navigate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="90" />
        <source>Crosshair, scroll, window (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="91" />
        <source>Distance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="91" />
        <source>Two clicks measure a distance (D)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="92" />
        <source>ROI</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="92" />
        <source>Two corners of an ellipse: mean, SD, area (E)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="102" />
        <source>ABC/2…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="103" />
        <source>Haemorrhage volume by ABC/2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="107" />
        <source>Oblique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="109" />
        <source>Left drag turns the planes (O; ctrl + drag anytime)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="112" />
        <source>3D: volume rendering</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="114" />
        <source>3-D view: MIP or volume rendering (CTA preset)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="117" />
        <source>Reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="118" />
        <source>Fit the views, undo the oblique rotation (R)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="115" />
        <source>Reading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="128" />
        <source>Series</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="136" />
        <source>Warnings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="146" />
        <source>&amp;Protocol</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="148" />
        <source>Cancel loading</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="159" />
        <source>StrokeLink viewer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="165" />
        <source>Reading %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="172" />
        <source>No images to show: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="174" />
        <source>The folder could not be read: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="240" />
        <source>Loading stopped: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="276" />
        <source>Non-contrast CT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="277" />
        <source>CT angiography</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="278" />
        <source>MR stroke (DWI / ADC / FLAIR)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="279" />
        <source>CT perfusion source images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="280" />
        <source>Multiplanar (any series)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="324" />
        <source>%1 — StrokeLink viewer</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="327" />
        <source>Images of %n different patients in this study: check every view's identity</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="342" />
        <source>%n file(s) skipped: not DICOM or unreadable</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="351" />
        <source>Loading: %1 of %2 images</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="354" />
        <source>%n series</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="357" />
        <source>%n incomplete</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="359" />
        <source>loading canceled</source>
        <translation type="unfinished" />
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