<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AbcDialog</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="305"/>
        <source>Haemorrhage volume (ABC/2)</source>
        <translation>Volume de l&apos;hématome (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="318"/>
        <source>A: largest diameter</source>
        <translation>A : plus grand diamètre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="319"/>
        <source>B: diameter perpendicular to A</source>
        <translation>B : diamètre perpendiculaire à A</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="320"/>
        <source>Slices with haemorrhage</source>
        <translation>Coupes avec hématome</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="321"/>
        <source>Slice thickness</source>
        <translation>Épaisseur de coupe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="322"/>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="323"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="327"/>
        <source>Put in the opinion</source>
        <translation>Reporter dans l&apos;avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="368"/>
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
</context>
<context>
    <name>Alerter</name>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="182"/>
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="215"/>
        <source>%1 — %2 — NIHSS %3</source>
        <translation>%1 — %2 — NIHSS %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="222"/>
        <source>flags: %1</source>
        <translation>alertes : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="224"/>
        <source>images incomplete</source>
        <translation>images incomplètes</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="236"/>
        <source>1 request still unclaimed after %1 min</source>
        <translation>1 demande toujours non prise en charge après %1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="238"/>
        <source>%2 requests still unclaimed after %1 min</source>
        <translation>%2 demandes toujours non prises en charge après %1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="243"/>
        <source>1 new stroke request</source>
        <translation>1 nouvelle demande AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="245"/>
        <source>%2 new stroke requests</source>
        <translation>%2 nouvelles demandes AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="254"/>
        <source>%1 asks to cancel a request you are reading: %2</source>
        <translation>%1 demande l&apos;annulation d&apos;une demande que vous interprétez : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="258"/>
        <source>Cancellation requested by the ED</source>
        <translation>Annulation demandée par les urgences</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="376"/>
        <source>Analyse</source>
        <extracomment>The summary rows on screen (label, value) of each page: &quot;ctp&quot;, &quot;adc&quot;, &quot;flair&quot;. Waiting for the case&apos;s images (the retrieval still running): starts once told.</extracomment>
        <translation>Analyser</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="378"/>
        <source>Run the stroke analyses on this case&apos;s images</source>
        <translation>Lancer les analyses de l&apos;AVC sur les images de ce dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="380"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="384"/>
        <source>Not analysed yet.</source>
        <translation>Pas encore analysé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="402"/>
        <source>Every value is measured by the software — to be confirmed by the radiologist.</source>
        <translation>Chaque valeur est mesurée par le logiciel — à confirmer par le radiologue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="418"/>
        <source>Analysis warnings</source>
        <translation>Avertissements de l&apos;analyse</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="443"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="836"/>
        <source>Core (rCBF &lt; %1 %)</source>
        <translation>Cœur (DSCr &lt; %1 %)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="448"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="838"/>
        <source>Hypoperfusion (Tmax &gt; %1 s)</source>
        <translation>Hypoperfusion (Tmax &gt; %1 s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="458"/>
        <source>Pick AIF</source>
        <translation>Choisir l&apos;AIF</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="461"/>
        <source>The next click on the map chooses the arterial input</source>
        <translation>Le prochain clic sur la carte choisit la fonction d&apos;entrée artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="463"/>
        <source>Pick VOF</source>
        <translation>Choisir la VOF</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="466"/>
        <source>The next click on the map chooses the venous output</source>
        <translation>Le prochain clic sur la carte choisit la fonction de sortie veineuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="503"/>
        <source>CT perfusion</source>
        <translation>Perfusion TDM</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="509"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="983"/>
        <source>Core: ADC &lt; %1 × 10⁻⁶ mm²/s</source>
        <translation>Cœur : ADC &lt; %1 × 10⁻⁶ mm²/s</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="528"/>
        <source>MR: ADC core</source>
        <translation>IRM : cœur ADC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="543"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1035"/>
        <source>DWI lesion</source>
        <translation>Lésion en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="545"/>
        <source>Mirrored region (reference)</source>
        <translation>Région en miroir (référence)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="555"/>
        <source>MR: DWI–FLAIR</source>
        <translation>IRM : diffusion–FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="561"/>
        <source>Patient: identity not read yet</source>
        <translation>Patient : identité pas encore lue</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="596"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="761"/>
        <source>Analysing…</source>
        <translation>Analyse en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="651"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="716"/>
        <source>Analysis cancelled.</source>
        <translation>Analyse annulée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="699"/>
        <source>Analysing… %1 %</source>
        <translation>Analyse en cours… %1 %</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="744"/>
        <source>internal error (%1)</source>
        <translation>erreur interne (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="683"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="747"/>
        <source>The analysis could not be done: %1</source>
        <translation>L&apos;analyse n&apos;a pas pu être faite : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="468"/>
        <source>Reset AIF and VOF to automatic</source>
        <translation>Remettre AIF et VOF en automatique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="471"/>
        <source>Forget both points you picked and run again with the automatic choice</source>
        <translation>Oublier les deux points choisis et relancer avec le choix automatique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="608"/>
        <source>Another analysis is running (another case window): this one starts when it is done.</source>
        <translation>Une autre analyse est en cours (autre fenêtre de dossier) : celle-ci démarrera quand elle sera terminée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="673"/>
        <source>Images still arriving: the analysis starts when they are all here.</source>
        <translation>Images en cours d&apos;arrivée : l&apos;analyse démarrera quand elles seront toutes là.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="686"/>
        <source>Not analysed: images missing.</source>
        <translation>Non analysé : images manquantes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="727"/>
        <source>The point you picked is not used; the previous choice is kept.</source>
        <translation>Le point choisi n&apos;est pas utilisé ; le choix précédent est conservé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="730"/>
        <source>The point you picked could not be used.</source>
        <translation>Le point choisi n&apos;a pas pu être utilisé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="750"/>
        <source>Analysis failed.</source>
        <translation>L&apos;analyse a échoué.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="761"/>
        <source>No result</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="777"/>
        <source>Nothing to analyse: no CT perfusion, ADC or DWI–FLAIR series in this study.</source>
        <translation>Rien à analyser : aucune série de perfusion TDM, d&apos;ADC ni de diffusion–FLAIR dans cet examen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="798"/>
        <source>Analysis done.</source>
        <translation>Analyse terminée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="808"/>
        <source>No warning.</source>
        <translation>Aucun avertissement.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="822"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="848"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="908"/>
        <source>AIF</source>
        <translation>AIF</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="824"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="849"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="909"/>
        <source>VOF</source>
        <translation>VOF</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="825"/>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="825"/>
        <source>Enhancement (HU)</source>
        <translation>Rehaussement (UH)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="831"/>
        <source>(no core)</source>
        <translation>(pas de cœur)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="834"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="980"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="837"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="839"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="840"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="984"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1035"/>
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="840"/>
        <source>Mismatch volume</source>
        <translation>Volume de mismatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="841"/>
        <source>Mismatch ratio</source>
        <translation>Ratio de mismatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="842"/>
        <source>HIR (Tmax &gt; %1 s ÷ Tmax &gt; %2 s)</source>
        <translation>HIR (Tmax &gt; %1 s ÷ Tmax &gt; %2 s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="845"/>
        <source>Healthy CBF (contralateral mean)</source>
        <translation>DSC sain (moyenne controlatérale)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="847"/>
        <source>Excluded frames</source>
        <translation>Phases exclues</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="853"/>
        <source>CT perfusion — measured by the software, to be confirmed</source>
        <translation>Perfusion TDM — mesuré par le logiciel, à confirmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="858"/>
        <source>not found</source>
        <translation>non trouvée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="859"/>
        <source>chosen by you</source>
        <translation>choisie par vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="859"/>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="862"/>
        <source>%1; peak %2 HU at %3 s; LPS %4</source>
        <translation>%1 ; pic %2 UH à %3 s ; LPS %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="914"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1010"/>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1058"/>
        <source>Slice %1 / %2</source>
        <translation>Coupe %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="924"/>
        <source>Click the artery for the AIF on the map.</source>
        <translation>Cliquez sur l&apos;artère de l&apos;AIF (fonction d&apos;entrée artérielle) sur la carte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="927"/>
        <source>Click the vein (e.g. the superior sagittal sinus) for the VOF on the map.</source>
        <translation>Cliquez sur la veine de la VOF (fonction de sortie veineuse) (par ex. le sinus sagittal supérieur) sur la carte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="965"/>
        <source>AIF and VOF back to automatic: analysing…</source>
        <translation>AIF et VOF remis en automatique : analyse en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="977"/>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="978"/>
        <source>right</source>
        <translation>droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="979"/>
        <source>both sides</source>
        <translation>des deux côtés</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="985"/>
        <source>Side</source>
        <translation>Côté</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="986"/>
        <source>ADC units</source>
        <translation>Unités de l&apos;ADC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="990"/>
        <source>MR — measured by the software, to be confirmed</source>
        <translation>IRM — mesuré par le logiciel, à confirmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1023"/>
        <source>FLAIR-negative suggested (lesion not visible on FLAIR)</source>
        <translation>FLAIR négatif suggéré (lésion non visible en FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1024"/>
        <source>FLAIR-positive suggested (lesion visible on FLAIR)</source>
        <translation>FLAIR positif suggéré (lésion visible en FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1025"/>
        <source>not assessable</source>
        <translation>non évaluable</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1029"/>
        <source>FLAIR ratio (lesion ÷ mirror)</source>
        <translation>Ratio FLAIR (lésion ÷ miroir)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1031"/>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1032"/>
        <source>FLAIR-negative below %1</source>
        <translation>FLAIR négatif sous %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1034"/>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="1040"/>
        <source>DWI–FLAIR — measured by the software, to be confirmed</source>
        <translation>Diffusion–FLAIR — mesuré par le logiciel, à confirmer</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../app/ui/worklist/alerts.py" line="97"/>
        <source>Dismiss</source>
        <extracomment>Lines of text the banner has room for; its height never changes.</extracomment>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>CaptionWords</name>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="19"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="20"/>
        <source>Born</source>
        <translation>Né le</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="21"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="22"/>
        <source>thin</source>
        <translation>fine</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="23"/>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="24"/>
        <source>acquired at</source>
        <translation>acquise à</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="25"/>
        <source>3D MIP</source>
        <translation>MIP 3D</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="26"/>
        <source>3D volume rendering (CTA)</source>
        <translation>Rendu volumique 3D (angioscanner)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="27"/>
        <source>bone removed</source>
        <translation>os retiré</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="28"/>
        <source>not loaded</source>
        <translation>non chargé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="30"/>
        <source>brain</source>
        <translation>cerveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="31"/>
        <source>stroke</source>
        <translation>AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="32"/>
        <source>subdural</source>
        <translation>sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="33"/>
        <source>bone</source>
        <translation>os</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="34"/>
        <source>angio</source>
        <translation>angio</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="35"/>
        <source>series window</source>
        <translation>fenêtre de la série</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="36"/>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="37"/>
        <source>custom</source>
        <translation>personnalisée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="40"/>
        <source>Axial</source>
        <translation>Axiale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="41"/>
        <source>Coronal</source>
        <translation>Coronale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="42"/>
        <source>Sagittal</source>
        <translation>Sagittale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="55"/>
        <source>Localizer</source>
        <translation>Topogramme</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="56"/>
        <source>NCCT</source>
        <translation>Scanner sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="57"/>
        <source>CTA</source>
        <translation>Angioscanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="58"/>
        <source>CT perfusion</source>
        <translation>Perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="59"/>
        <source>DWI</source>
        <translation>Diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="60"/>
        <location filename="../../app/ui/viewer/words.py" line="84"/>
        <source>ADC</source>
        <translation>ADC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="61"/>
        <location filename="../../app/ui/viewer/words.py" line="85"/>
        <source>FLAIR</source>
        <translation>FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="62"/>
        <source>SWI</source>
        <translation>SWI</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="63"/>
        <source>TOF</source>
        <translation>TOF</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="64"/>
        <source>T1</source>
        <translation>T1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="65"/>
        <source>T2</source>
        <translation>T2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="66"/>
        <source>any</source>
        <translation>toute</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="69"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="76"/>
        <source>Axial 5 mm</source>
        <translation>Axiale 5 mm</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="77"/>
        <source>Coronal 5 mm</source>
        <translation>Coronale 5 mm</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="78"/>
        <source>Sagittal 5 mm</source>
        <translation>Sagittale 5 mm</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="79"/>
        <source>Axial MIP 20 mm</source>
        <translation>MIP axiale 20 mm</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="80"/>
        <source>Coronal MIP</source>
        <translation>MIP coronale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="81"/>
        <source>Sagittal MIP</source>
        <translation>MIP sagittale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="82"/>
        <source>3D VR</source>
        <translation>Rendu volumique 3D</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="83"/>
        <source>DWI b1000</source>
        <translation>Diffusion b1000</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="86"/>
        <source>CTP over time</source>
        <translation>Perfusion scanner dans le temps</translation>
    </message>
</context>
<context>
    <name>CaseServices</name>
    <message>
        <location filename="../../app/ui/case_services.py" line="158"/>
        <source>No system keyring is available: cached images are encrypted with a key kept only while StrokeLink runs, so they are downloaded again after a restart.</source>
        <translation>Aucun trousseau système n&apos;est disponible : les images en cache sont chiffrées avec une clé conservée seulement pendant l&apos;exécution de StrokeLink ; elles seront donc téléchargées à nouveau après un redémarrage.</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="153"/>
        <source>Opening the case…</source>
        <extracomment>Width of the left column (series list and request) once the request is shown. The narrowest the images may get: the docks beside them keep their width, the views shrink first (a 1366x768 laptop with the request and the opinion docked).</extracomment>
        <translation>Ouverture du dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="250"/>
        <source>Request</source>
        <extracomment>Keep the window within the screen&apos;s available geometry (rows growing while the case opens included); False: the window keeps whatever size it is given. The stroke analyses (issue #14), docked below the images once asked for.</extracomment>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="266"/>
        <source>the ED&apos;s upload was interrupted or is still running; the case may be read only in part.</source>
        <translation>l&apos;envoi des urgences a été interrompu ou est toujours en cours ; le dossier risque de n&apos;être interprété qu&apos;en partie.</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="415"/>
        <source>The case could not be opened: %1</source>
        <translation>Le dossier n&apos;a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="416"/>
        <source>no images</source>
        <translation>aucune image</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="450"/>
        <source>Hub unreachable, still watching: %1</source>
        <translation>Hub injoignable, surveillance maintenue : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="497"/>
        <source>New series arrived: %1</source>
        <translation>Nouvelle(s) série(s) arrivée(s) : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="498"/>
        <source>show</source>
        <translation>afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="536"/>
        <source>Stroke analysis</source>
        <translation>Analyse de l&apos;AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="562"/>
        <source>images of several patients in this study</source>
        <translation>images de plusieurs patients dans cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="582"/>
        <source>%1 (%2 of %3 images)</source>
        <translation>%1 (%2 images sur %3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="589"/>
        <source>retrieval stopped</source>
        <translation>récupération interrompue</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="593"/>
        <source>not every image of this case was received (incomplete: %1); the analysis needs them all — open the case again once they are on the hub</source>
        <translation>toutes les images de ce dossier n&apos;ont pas été reçues (incomplet : %1) ; l&apos;analyse a besoin de toutes — rouvrez le dossier quand elles seront sur le hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="618"/>
        <location filename="../../app/ui/viewer/case_window.py" line="630"/>
        <source>no image of this case is stored on this computer yet</source>
        <translation>aucune image de ce dossier n&apos;est encore enregistrée sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="637"/>
        <source>%1: %2 of %3 images not on this computer (the analysis needs them all)</source>
        <translation>%1 : %2 images sur %3 absentes de cet ordinateur (l&apos;analyse a besoin de toutes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/case_window.py" line="643"/>
        <source>%1: an image is not on this computer (the analysis needs them all)</source>
        <translation>%1 : une image est absente de cet ordinateur (l&apos;analyse a besoin de toutes)</translation>
    </message>
</context>
<context>
    <name>ClinicalPanel</name>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="165"/>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="167"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="168"/>
        <source>e.g. CH Verdun, Urgences</source>
        <translation>ex. CH Verdun, Urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="169"/>
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="170"/>
        <source>FAMILY^Given</source>
        <translation>NOM^Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="171"/>
        <source>Physician</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="172"/>
        <source>e.g. +33 3 29 00 20 02</source>
        <translation>ex. +33 3 29 00 20 02</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="174"/>
        <source>Call-back phone</source>
        <translation>Téléphone de rappel</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="180"/>
        <source>Thrombolysis? Thrombectomy?</source>
        <translation>Thrombolyse ? Thrombectomie ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="181"/>
        <source>Thrombolysis?</source>
        <translation>Thrombolyse ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="182"/>
        <source>Thrombectomy? Transfer?</source>
        <translation>Thrombectomie ? Transfert ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="183"/>
        <source>Haemorrhage? Neurosurgical advice?</source>
        <translation>Hémorragie ? Avis neurochirurgical ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="184"/>
        <source>Which imaging? (protocol advice)</source>
        <translation>Quelle imagerie ? (avis sur le protocole)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="190"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="191"/>
        <source>High (stroke alert)</source>
        <translation>Haute (alerte thrombolyse)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="191"/>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="192"/>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="194"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="195"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="196"/>
        <source>Accession number</source>
        <translation>Numéro d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="200"/>
        <source>Patient&apos;s condition</source>
        <translation>État du patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="204"/>
        <source>Unknown / wake-up</source>
        <translation>Inconnue / au réveil</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="342"/>
        <source>The time typed (%1) was removed: “Last known well unknown” was chosen.</source>
        <translation>L&apos;heure saisie (%1) a été effacée : « Dernière heure sans symptôme inconnue » a été choisi.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="231"/>
        <source>Last known well</source>
        <translation>Dernière heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="234"/>
        <source>Witnessed symptom onset</source>
        <translation>Début des symptômes (témoin)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="237"/>
        <source>NIHSS (%1–%2)</source>
        <translation>NIHSS (%1–%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="240"/>
        <source>None</source>
        <comment>anticoagulant treatment</comment>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="245"/>
        <source>Unknown</source>
        <comment>anticoagulant treatment</comment>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="241"/>
        <source>Antiplatelet</source>
        <translation>Antiagrégant plaquettaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="141"/>
        <source>A whole number from %1 to %2 %3</source>
        <comment>a field&apos;s tooltip</comment>
        <extracomment>Which widget row shows a problem of each schema field (first component) or entry field. Problems shown elsewhere (the identity typed by hand: the images panel).</extracomment>
        <translation>Nombre entier de %1 à %2 %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="207"/>
        <source>Wake-up stroke (time: went to sleep / last seen well)</source>
        <translation>AVC du réveil (heure du coucher)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="209"/>
        <source>Last known well unknown</source>
        <translation>Dernière heure sans symptôme inconnue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="211"/>
        <source>“Last known well unknown”: no last-known-well time is known; the time field is emptied.</source>
        <translation>« Dernière heure sans symptôme inconnue » : aucune heure n&apos;est connue ; le champ de l&apos;heure est vidé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="242"/>
        <source>Vitamin K antagonist</source>
        <translation>Antivitamine K (AVK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="243"/>
        <source>Direct oral anticoagulant</source>
        <translation>Anticoagulant oral direct (AOD)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="244"/>
        <source>Heparin</source>
        <translation>Héparine</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="249"/>
        <source>Anticoagulant / antiplatelet</source>
        <translation>Anticoagulant / antiagrégant</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="254"/>
        <source>When known: a number from %1 to %2 (decimal comma or point)</source>
        <translation>Si connu : un nombre de %1 à %2 (virgule ou point décimal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="257"/>
        <source>INR (when known)</source>
        <translation>INR (si connu)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="259"/>
        <source>Last dose (when known)</source>
        <translation>Dernière prise (si connue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="262"/>
        <source>A number, with a decimal comma or point, in the unit chosen</source>
        <translation>Un nombre, avec virgule ou point décimal, dans l&apos;unité choisie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="271"/>
        <source>Glucose</source>
        <translation>Glycémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="290"/>
        <source>/</source>
        <comment>systolic / diastolic blood pressure</comment>
        <translation>/</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="292"/>
        <source>mmHg</source>
        <translation>mmHg</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="294"/>
        <source>Blood pressure</source>
        <translation>Pression artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="297"/>
        <source>Pre-stroke mRS (%1–%2)</source>
        <translation>mRS antérieur (%1–%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="302"/>
        <source>Deficit, history, treatments, anything the radiologist should know</source>
        <translation>Déficit, antécédents, traitements, tout ce que le radiologue doit savoir</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/clinical_panel.py" line="310"/>
        <source>History</source>
        <translation>Histoire clinique</translation>
    </message>
</context>
<context>
    <name>ClinicalWords</name>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="60"/>
        <source>%1 min</source>
        <extracomment>Badge colours (background, text) per tone.</extracomment>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="63"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="68"/>
        <source>in %1</source>
        <comment>a time still to come</comment>
        <translation>dans %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="71"/>
        <source>%1 ago</source>
        <translation>il y a %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="87"/>
        <source>%1 (%2)</source>
        <comment>a time and its age</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="98"/>
        <source>None</source>
        <comment>anticoagulation</comment>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="99"/>
        <source>Antiplatelet</source>
        <translation>Antiagrégant</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="100"/>
        <source>VKA</source>
        <comment>vitamin K antagonist</comment>
        <translation>AVK</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="101"/>
        <source>DOAC</source>
        <comment>direct oral anticoagulant</comment>
        <translation>AOD</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="102"/>
        <location filename="../../app/ui/worklist/clinical_words.py" line="117"/>
        <source>Heparin</source>
        <translation>Héparine</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="103"/>
        <source>Unknown</source>
        <comment>anticoagulation</comment>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="111"/>
        <source>No anticoagulant or antiplatelet treatment</source>
        <translation>Ni anticoagulant ni antiagrégant</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="114"/>
        <source>Antiplatelet treatment</source>
        <translation>Traitement antiagrégant plaquettaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="115"/>
        <source>Vitamin K antagonist (VKA)</source>
        <translation>Antivitamine K (AVK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="116"/>
        <source>Direct oral anticoagulant (DOAC)</source>
        <translation>Anticoagulant oral direct (AOD)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="118"/>
        <source>Treatment unknown to the ED</source>
        <translation>Traitement inconnu des urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="127"/>
        <location filename="../../app/ui/worklist/clinical_words.py" line="152"/>
        <source>INR %1</source>
        <translation>INR %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="131"/>
        <source>(last dose %1)</source>
        <translation>(dernière prise %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="147"/>
        <source>Treatment not given</source>
        <translation>Traitement non renseigné</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="155"/>
        <source>INR not given</source>
        <translation>INR non renseigné</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="158"/>
        <source>last dose %1</source>
        <translation>dernière prise %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="163"/>
        <source>time of the last dose not given</source>
        <translation>heure de la dernière prise non renseignée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="174"/>
        <source>%1/%2 mmHg</source>
        <translation>%1/%2 mmHg</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="187"/>
        <source>(%1 mmol/L)</source>
        <translation>(%1 mmol/L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="195"/>
        <source>Wake-up stroke (symptoms present on waking)</source>
        <translation>AVC du réveil (symptômes présents au réveil)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="198"/>
        <source>Time of onset unknown</source>
        <translation>Heure de début inconnue</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="214"/>
        <location filename="../../app/ui/worklist/clinical_words.py" line="220"/>
        <source>BP %1</source>
        <translation>PA %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="226"/>
        <source>Low glucose %1</source>
        <translation>Glycémie basse %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="227"/>
        <source>Glucose ↓ %1</source>
        <translation>Glycémie ↓ %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="230"/>
        <source>High glucose %1</source>
        <translation>Glycémie haute %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="231"/>
        <source>Glucose ↑ %1</source>
        <translation>Glycémie ↑ %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="248"/>
        <source>Images incomplete: %1 of %2 on the hub</source>
        <translation>Images incomplètes : %1 sur %2 sur le hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="252"/>
        <source>Images incomplete: the ED has not sent them all yet</source>
        <translation>Images incomplètes : les urgences ne les ont pas toutes envoyées</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/clinical_words.py" line="260"/>
        <source>%1 of %2 images on the hub</source>
        <translation>%1 images sur %2 sur le hub</translation>
    </message>
</context>
<context>
    <name>EdMainWindow</name>
    <message>
        <location filename="../../app/ui/ed/window.py" line="112"/>
        <location filename="../../app/ui/ed/window.py" line="135"/>
        <source>StrokeLink — emergency department</source>
        <translation>StrokeLink — urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="124"/>
        <source>New request</source>
        <translation>Nouvelle demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="125"/>
        <source>My site&apos;s requests</source>
        <translation>Demandes de mon site</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="136"/>
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="138"/>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="171"/>
        <source>Could not save the site and physician for next time.</source>
        <extracomment>Asks before closing: ``&quot;uploading&quot;``/``&quot;unsent&quot;`` → ``send``, ``keep``, ``discard``.</extracomment>
        <translation>Impossible d&apos;enregistrer le site et le médecin pour la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="206"/>
        <source>Amended opinion received</source>
        <translation>Avis rectifié reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="208"/>
        <source>Preliminary opinion received</source>
        <translation>Avis préliminaire reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="210"/>
        <source>Opinion received</source>
        <translation>Avis reçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="214"/>
        <source>%1 — from %2 — request: %3</source>
        <translation>%1 — de %2 — demande : %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="224"/>
        <source>%1 is reading your request (%2).</source>
        <translation>%1 lit votre demande (%2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="225"/>
        <source>A radiologist</source>
        <translation>Un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="228"/>
        <source>Request claimed</source>
        <translation>Demande prise en charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="283"/>
        <source>Close StrokeLink?</source>
        <translation>Fermer StrokeLink ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="286"/>
        <source>An upload is in progress. Quit anyway?</source>
        <translation>Un envoi est en cours. Quitter quand même ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="288"/>
        <source>The images not yet on the hub can be sent later: StrokeLink offers to resume at the next start.</source>
        <translation>Les images qui ne sont pas encore sur le hub pourront être envoyées plus tard : StrokeLink proposera de reprendre l&apos;envoi au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="291"/>
        <source>Keep sending</source>
        <translation>Poursuivre l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="294"/>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="298"/>
        <source>This request has not been sent.</source>
        <translation>Cette demande n&apos;a pas été envoyée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="299"/>
        <source>Send it now, keep editing it, or discard it?</source>
        <translation>L&apos;envoyer maintenant, continuer à la modifier ou l&apos;abandonner ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="300"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="301"/>
        <source>Keep editing</source>
        <translation>Continuer la saisie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/window.py" line="303"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
</context>
<context>
    <name>FieldWords</name>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="27"/>
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="28"/>
        <source>Physician</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="29"/>
        <source>Call-back phone</source>
        <translation>Téléphone de rappel</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="30"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="31"/>
        <source>Accession number</source>
        <translation>Numéro d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="32"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="33"/>
        <source>Last known well</source>
        <translation>Dernière heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="34"/>
        <source>Wake-up stroke</source>
        <translation>AVC du réveil</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="35"/>
        <source>Witnessed symptom onset</source>
        <translation>Début des symptômes (témoin)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="36"/>
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="37"/>
        <source>Anticoagulant / antiplatelet</source>
        <translation>Anticoagulant / antiagrégant</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="38"/>
        <source>INR</source>
        <translation>INR</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="39"/>
        <source>Last dose</source>
        <translation>Dernière prise</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="40"/>
        <source>Glucose</source>
        <translation>Glycémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="41"/>
        <source>Glucose unit</source>
        <translation>Unité de glycémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="42"/>
        <source>Blood pressure</source>
        <translation>Pression artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="43"/>
        <source>Systolic pressure</source>
        <translation>Pression systolique</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="44"/>
        <source>Diastolic pressure</source>
        <translation>Pression diastolique</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="45"/>
        <source>Blood pressure unit</source>
        <translation>Unité de pression artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="46"/>
        <source>Pre-stroke mRS</source>
        <translation>mRS antérieur</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="47"/>
        <source>History</source>
        <translation>Histoire clinique</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="48"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="49"/>
        <source>Patient&apos;s name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="50"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="51"/>
        <source>Issuer of the patient ID</source>
        <translation>Émetteur de l&apos;ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="52"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="53"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="62"/>
        <source>The form</source>
        <translation>Le formulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="90"/>
        <source>%1 is required.</source>
        <translation>%1 : champ obligatoire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="94"/>
        <source>%1: at most %2 characters (%3 typed).</source>
        <translation>%1 : %2 caractères au maximum (%3 saisis).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="101"/>
        <source>%1 must fit on one line.</source>
        <translation>%1 : doit tenir sur une seule ligne.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="103"/>
        <source>%1 must be text.</source>
        <translation>%1 : doit être du texte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="107"/>
        <source>%1 must be a telephone number (digits, spaces, + ( ) . - /).</source>
        <translation>%1 : doit être un numéro de téléphone (chiffres, espaces, + ( ) . - /).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="115"/>
        <source>%1 must be a whole number from %2 to %3 mmHg.</source>
        <translation>%1 : doit être un nombre entier de %2 à %3 mmHg.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="126"/>
        <location filename="../../app/ui/ed/field_words.py" line="299"/>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 : doit être un nombre entier de %2 à %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="137"/>
        <source>%1 must be from %2 to %3 mmol/L (%4 to %5 mg/dL).</source>
        <translation>%1 : doit être entre %2 et %3 mmol/L (%4 à %5 mg/dL).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="150"/>
        <source>%1 must be a number from %2 to %3.</source>
        <translation>%1 : doit être un nombre de %2 à %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="158"/>
        <source>%1 must be a number.</source>
        <translation>%1 : doit être un nombre.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="162"/>
        <source>%1 must be mmol/L or mg/dL.</source>
        <translation>%1 : doit être mmol/L ou mg/dL.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="164"/>
        <source>%1 must be in mmHg.</source>
        <translation>%1 : doit être en mmHg.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="168"/>
        <source>%1 must be a systolic and a diastolic pressure in mmHg.</source>
        <translation>%1 : indiquez une pression systolique et une pression diastolique en mmHg.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="176"/>
        <source>The systolic pressure must be above the diastolic pressure.</source>
        <translation>La pression systolique doit être supérieure à la pression diastolique.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="183"/>
        <source>%1 is not a date and time.</source>
        <translation>%1 : date et heure non reconnues.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="187"/>
        <source>%1 must carry its UTC offset.</source>
        <translation>%1 : doit comporter son décalage UTC.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="191"/>
        <location filename="../../app/ui/ed/field_words.py" line="315"/>
        <source>%1 is in the future.</source>
        <translation>%1 : cette heure est dans le futur.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="196"/>
        <location filename="../../app/ui/ed/field_words.py" line="318"/>
        <source>%1 is more than %2 days ago: check the date.</source>
        <translation>%1 : plus de %2 jours en arrière ; vérifiez la date.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="205"/>
        <source>A wake-up stroke contradicts an unknown onset time.</source>
        <translation>Un AVC du réveil est incompatible avec une heure de début inconnue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="213"/>
        <source>A witnessed onset time contradicts a wake-up stroke or an unknown onset: clear one of them.</source>
        <translation>Une heure de début constatée par un témoin est incompatible avec un AVC du réveil ou un début inconnu : effacez l&apos;une des deux indications.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="223"/>
        <source>%1 cannot be before the time last known well.</source>
        <translation>%1 : ne peut pas précéder la dernière heure sans symptôme.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="231"/>
        <source>%1 is given with a vitamin K antagonist only.</source>
        <translation>%1 : à indiquer seulement sous antivitamine K (AVK).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="239"/>
        <source>%1 is given with a direct oral anticoagulant or heparin only.</source>
        <translation>%1 : à indiquer seulement sous anticoagulant oral direct (AOD) ou héparine.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="246"/>
        <source>%1: choose a value from the list.</source>
        <translation>%1 : choisissez une valeur dans la liste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="250"/>
        <source>%1: type at least a name or an ID.</source>
        <translation>%1 : saisissez au moins un nom ou un ID.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="254"/>
        <source>%1 must be a date written YYYYMMDD.</source>
        <translation>%1 : doit être une date au format AAAAMMJJ.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="258"/>
        <source>%1 is not a valid date.</source>
        <translation>%1 : date non valide.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="262"/>
        <source>%1 must be yes or no.</source>
        <translation>%1 : doit être oui ou non.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="266"/>
        <source>%1 must be M, F or O.</source>
        <translation>%1 : doit être M, F ou O.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="278"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="289"/>
        <source>%1: type a number (decimal comma or point).</source>
        <translation>%1 : saisissez un nombre (virgule ou point décimal).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="294"/>
        <source>%1 is a whole number: no decimals.</source>
        <translation>%1 : nombre entier, sans décimales.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="303"/>
        <source>%1 must be from %2 to %3.</source>
        <translation>%1 : doit être entre %2 et %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="305"/>
        <source>%1 must be from %2 to %3 %4.</source>
        <translation>%1 : doit être entre %2 et %3 %4.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="309"/>
        <source>%1: type HH:MM for today, or DD/MM HH:MM for another day.</source>
        <translation>%1 : saisissez HH:MM pour aujourd&apos;hui, ou JJ/MM HH:MM pour un autre jour.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/field_words.py" line="324"/>
        <source>%1 is not valid.</source>
        <translation>%1 : valeur non valide.</translation>
    </message>
</context>
<context>
    <name>HirField</name>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="92"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
</context>
<context>
    <name>HubCheck</name>
    <message>
        <location filename="../../app/ui/settings/words.py" line="18"/>
        <source>search studies (QIDO-RS)</source>
        <translation>recherche d&apos;examens (QIDO-RS)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="19"/>
        <source>search the worklist (UPS-RS)</source>
        <translation>recherche dans la liste de travail (UPS-RS)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="20"/>
        <source>event channel (WebSocket)</source>
        <translation>canal d&apos;événements (WebSocket)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="27"/>
        <source>the hub refused the password</source>
        <translation>le hub a refusé le mot de passe</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="28"/>
        <source>access forbidden for this user</source>
        <translation>accès interdit pour cet utilisateur</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="29"/>
        <source>the hub&apos;s certificate is not trusted</source>
        <translation>le certificat du hub n&apos;est pas reconnu comme fiable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="32"/>
        <source>the hub cannot be reached</source>
        <translation>le hub est injoignable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="33"/>
        <source>the hub does not offer UPS-RS (worklist)</source>
        <translation>le hub ne propose pas UPS-RS (liste de travail)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="36"/>
        <source>the hub offers no event channel (the worklist would be polled)</source>
        <translation>le hub ne propose pas de canal d&apos;événements (la liste de travail serait interrogée périodiquement)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="39"/>
        <source>the event channel could not be opened</source>
        <translation>le canal d&apos;événements n&apos;a pas pu être ouvert</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="42"/>
        <source>the hub answered with an error</source>
        <translation>le hub a répondu par une erreur</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="43"/>
        <source>not checked (see above)</source>
        <translation>non vérifié (voir plus haut)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="51"/>
        <source>Check the user name and the password.</source>
        <extracomment>What the user can do about a failure (none for the others).</extracomment>
        <translation>Vérifiez le nom d&apos;utilisateur et le mot de passe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="54"/>
        <source>Choose the CA bundle your IT department gives you (CA bundle above).</source>
        <translation>Choisissez le fichier d&apos;autorités de certification fourni par votre service informatique (Autorités de certification, plus haut).</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="57"/>
        <source>Check the hub URL and this computer&apos;s network connection.</source>
        <translation>Vérifiez l&apos;adresse du hub et la connexion réseau de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="67"/>
        <source>%1: works</source>
        <translation>%1 : fonctionne</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="73"/>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/words.py" line="79"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>HubError</name>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="23"/>
        <source>no connection</source>
        <translation>pas de connexion</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="25"/>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="27"/>
        <source>the hub does not allow this user to do that</source>
        <translation>le hub n&apos;autorise pas cet utilisateur à faire cela</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="29"/>
        <source>the hub cannot be reached (no connection)</source>
        <translation>le hub est injoignable (pas de connexion)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="30"/>
        <source>the hub did not answer in time</source>
        <translation>le hub n&apos;a pas répondu à temps</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="31"/>
        <source>the hub&apos;s certificate is not trusted</source>
        <translation>le certificat du hub n&apos;est pas reconnu comme fiable</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="32"/>
        <source>the hub refused the user name or password</source>
        <translation>le hub a refusé l&apos;identifiant ou le mot de passe</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="33"/>
        <source>another radiologist already took this request</source>
        <translation>un autre radiologue a déjà pris cette demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="34"/>
        <location filename="../../app/ui/worklist/hub_words.py" line="66"/>
        <source>the hub does not have it (not found)</source>
        <translation>le hub ne l&apos;a pas (introuvable)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="35"/>
        <location filename="../../app/ui/worklist/hub_words.py" line="68"/>
        <source>the hub refused: the request has changed meanwhile</source>
        <translation>le hub a refusé : la demande a changé entre-temps</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="36"/>
        <source>the hub rejected the request</source>
        <translation>le hub a rejeté la requête</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="37"/>
        <source>the hub failed (server error)</source>
        <translation>le hub a échoué (erreur du serveur)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="38"/>
        <source>the hub gave an unexpected answer</source>
        <translation>le hub a donné une réponse inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="43"/>
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="53"/>
        <source>cannot reach the hub at %1</source>
        <translation>le hub %1 est injoignable (pas de connexion)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="55"/>
        <source>the connection to the hub %1 was lost</source>
        <translation>la connexion au hub %1 a été perdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="57"/>
        <source>the hub %1 did not answer in time</source>
        <translation>le hub %1 n&apos;a pas répondu à temps</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="59"/>
        <source>the certificate of the hub %1 could not be verified</source>
        <translation>le certificat du hub %1 n&apos;a pas pu être vérifié</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="61"/>
        <source>the request to the hub %1 failed</source>
        <translation>la requête au hub %1 a échoué</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="63"/>
        <source>the hub %1 refused the user name or password</source>
        <translation>le hub %1 a refusé l&apos;identifiant ou le mot de passe</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="65"/>
        <source>this account is not allowed to do this on the hub %1</source>
        <translation>ce compte n&apos;a pas le droit de faire cela sur le hub %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="70"/>
        <source>the hub %1 failed (server error, HTTP %2)</source>
        <translation>le hub %1 a échoué (erreur du serveur, HTTP %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="72"/>
        <source>the hub rejected the request (HTTP %1)</source>
        <translation>le hub a rejeté la requête (HTTP %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="74"/>
        <source>the hub refused the opinion&apos;s documents (%1)</source>
        <translation>le hub a refusé les documents de l&apos;avis (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="76"/>
        <source>the hub could not store the documents now (%1)</source>
        <translation>le hub n&apos;a pas pu enregistrer les documents pour l&apos;instant (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="78"/>
        <source>the hub did not confirm %1 of the opinion&apos;s documents</source>
        <translation>le hub n&apos;a pas confirmé %1 des documents de l&apos;avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="80"/>
        <source>interrupted while sending; it resumes where it stopped</source>
        <translation>envoi interrompu ; il reprendra là où il s&apos;est arrêté</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="81"/>
        <source>sending paused</source>
        <translation>envoi en pause</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="82"/>
        <source>unexpected error (%1)</source>
        <translation>erreur inattendue (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="84"/>
        <source>the opinion&apos;s documents in the outbox are damaged or sealed with another key</source>
        <translation>les documents de l&apos;avis dans la boîte d&apos;envoi sont endommagés ou scellés avec une autre clé</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="89"/>
        <source>the request was cancelled on the hub; the opinion is stored in the study but the request could not be completed</source>
        <translation>la demande a été annulée sur le hub ; l&apos;avis est enregistré dans l&apos;examen mais la demande n&apos;a pas pu être clôturée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/hub_words.py" line="95"/>
        <source>the request is not claimed on the hub: claim it, then try again</source>
        <translation>la demande n&apos;est pas prise en charge sur le hub : prenez-la en charge, puis réessayez</translation>
    </message>
</context>
<context>
    <name>IdentityOverrideDialog</name>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="67"/>
        <source>Override the identity check</source>
        <translation>Passer outre la vérification d&apos;identité</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="76"/>
        <source>The patient of the request and of the images differ:
%1

Send anyway only if you are sure it is the same patient. The override covers exactly these values: images with any other value stop the opinion again. Your reason is recorded with the opinion and the override is audited.</source>
        <translation>Le patient de la demande et celui des images diffèrent :
%1

N&apos;envoyez quand même que si vous êtes certain qu&apos;il s&apos;agit du même patient. Le passage outre ne vaut que pour ces valeurs exactes : des images portant toute autre valeur bloquent à nouveau l&apos;avis. Votre motif est enregistré avec l&apos;avis et la décision est tracée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="86"/>
        <source>Reason (required)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
</context>
<context>
    <name>ImagesPanel</name>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="125"/>
        <location filename="../../app/ui/ed/images_panel.py" line="155"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="126"/>
        <source>Choose a folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="127"/>
        <source>A folder, a USB stick or a CD (Ctrl+O)</source>
        <translation>Un dossier, une clé USB ou un CD (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="129"/>
        <source>Open a DICOMDIR…</source>
        <translation>Ouvrir un DICOMDIR…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="131"/>
        <source>From the hospital PACS…</source>
        <translation>Depuis le PACS de l&apos;hôpital…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="132"/>
        <source>Search the hospital PACS and retrieve a study</source>
        <translation>Rechercher dans le PACS de l&apos;hôpital et récupérer un examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="134"/>
        <source>No images</source>
        <translation>Sans images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="135"/>
        <source>Send the request without images (protocol advice)</source>
        <translation>Envoyer la demande sans images (avis sur le protocole)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="143"/>
        <source>or drop a folder or a DICOMDIR on this window</source>
        <translation>ou déposez un dossier ou un DICOMDIR sur cette fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="155"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="155"/>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="155"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="174"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="184"/>
        <location filename="../../app/ui/ed/images_panel.py" line="198"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="185"/>
        <location filename="../../app/ui/ed/images_panel.py" line="199"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="186"/>
        <location filename="../../app/ui/ed/images_panel.py" line="201"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="187"/>
        <location filename="../../app/ui/ed/images_panel.py" line="202"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="188"/>
        <source>I confirm this is the patient of this request</source>
        <translation>Je confirme qu&apos;il s&apos;agit du patient de cette demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="198"/>
        <source>FAMILY^Given</source>
        <translation>NOM^Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="200"/>
        <source>Issuer of the ID</source>
        <translation>Émetteur de l&apos;ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="201"/>
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="202"/>
        <source>M, F or O</source>
        <translation>M, F ou O</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="210"/>
        <source>No images: type the patient&apos;s identity.</source>
        <translation>Sans images : saisissez l&apos;identité du patient.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="232"/>
        <source>Images of the request</source>
        <translation>Images de la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="238"/>
        <source>DICOMDIR of the CD or USB stick</source>
        <translation>DICOMDIR du CD ou de la clé USB</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="238"/>
        <source>DICOMDIR (DICOMDIR)</source>
        <translation>DICOMDIR (DICOMDIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="249"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="265"/>
        <source>The images hold several studies; a request carries one: choose it.</source>
        <translation>Les images contiennent plusieurs examens ; une demande n&apos;en porte qu&apos;un : choisissez-le.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="273"/>
        <source>The images could not be read (%1).</source>
        <translation>Les images n&apos;ont pas pu être lues (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="340"/>
        <source>Choose the study…</source>
        <translation>Choisir l&apos;examen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="343"/>
        <source>%1 — %2 — %3 series, %4 images</source>
        <translation>%1 — %2 — %3 séries, %4 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="351"/>
        <source>From %1</source>
        <translation>Depuis %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="352"/>
        <source>No images chosen.</source>
        <translation>Aucune image choisie.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="357"/>
        <source>%1 — %2, %3 — %4 of %5 series ticked, %6 images</source>
        <translation>%1 — %2, %3 — %4 séries cochées sur %5, %6 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="359"/>
        <source>(no description)</source>
        <translation>(sans description)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="366"/>
        <source>1 file that is not a DICOM image was left aside.</source>
        <translation>1 fichier qui n&apos;est pas une image DICOM a été écarté.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="368"/>
        <source>%1 files that are not DICOM images were left aside.</source>
        <translation>%1 fichiers qui ne sont pas des images DICOM ont été écartés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="389"/>
        <source>(left out by default)</source>
        <translation>(exclu par défaut)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="413"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="415"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="418"/>
        <source> — %1 years</source>
        <translation> — %1 ans</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="420"/>
        <location filename="../../app/ui/ed/images_panel.py" line="423"/>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="422"/>
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="422"/>
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/images_panel.py" line="422"/>
        <source>Other</source>
        <comment>sex</comment>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main.py" line="168"/>
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="177"/>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="240"/>
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="244"/>
        <source>Unclaimed</source>
        <translation>Non prises</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="245"/>
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="246"/>
        <source>All open</source>
        <translation>Toutes (ouvertes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="247"/>
        <source>Finished today</source>
        <translation>Terminées aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="256"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="258"/>
        <source>Claim</source>
        <translation>Prendre en charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="260"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="262"/>
        <source>Hand back…</source>
        <translation>Rendre…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="265"/>
        <source>Accept the ED&apos;s cancellation…</source>
        <translation>Accepter l&apos;annulation des urgences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="268"/>
        <source>Mute</source>
        <translation>Muet</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="275"/>
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="277"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="346"/>
        <source>1 request open — updated %1</source>
        <translation>1 demande ouverte — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="348"/>
        <source>%2 requests open — updated %1</source>
        <translation>%2 demandes ouvertes — mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="358"/>
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="361"/>
        <source>Hub unreachable: %1 — last successful refresh %2</source>
        <translation>Hub injoignable : %1 — dernière actualisation réussie %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="435"/>
        <source>Live updates (event channel)</source>
        <translation>Mises à jour en direct (canal d&apos;événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="437"/>
        <source>Event channel lost — polling every %1 s</source>
        <translation>Canal d&apos;événements perdu — interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="439"/>
        <source>Polling every %1 s (the hub has no event channel)</source>
        <translation>Interrogation toutes les %1 s (le hub n&apos;a pas de canal d&apos;événements)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="443"/>
        <source>Polling every %1 s</source>
        <translation>Interrogation toutes les %1 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="479"/>
        <source>Select a waiting request to claim it.</source>
        <translation>Sélectionnez une demande en attente pour la prendre en charge.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="485"/>
        <source>Claimed: you are reading this request.</source>
        <translation>Prise en charge : vous interprétez cette demande.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="490"/>
        <source>Someone else</source>
        <translation>Quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="492"/>
        <source>%1 claimed this request first.</source>
        <translation>%1 a pris cette demande en charge avant vous.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="513"/>
        <source>Select a request you claimed on this workstation.</source>
        <translation>Sélectionnez une demande prise en charge sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="524"/>
        <source>Hand back</source>
        <translation>Rendre la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="524"/>
        <source>Why do you hand this request back?</source>
        <translation>Pourquoi rendez-vous cette demande ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="533"/>
        <source>Handed back: the request is waiting for another radiologist.</source>
        <translation>Demande rendue : elle attend un autre radiologue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="541"/>
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="542"/>
        <source>Reason recorded with the cancellation:</source>
        <translation>Motif enregistré avec l&apos;annulation :</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="550"/>
        <source>The request is cancelled.</source>
        <translation>La demande est annulée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="570"/>
        <source>Claim this request first (Ctrl+Enter).</source>
        <translation>Prenez d&apos;abord cette demande en charge (Ctrl+Entrée).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="573"/>
        <source>someone else</source>
        <translation>quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="574"/>
        <source>%1 is reading this request.</source>
        <translation>%1 interprète cette demande.</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <location filename="../../app/ui/ed/entry_fields.py" line="55"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>OpenCase</name>
    <message>
        <location filename="../../app/ui/case_opener.py" line="165"/>
        <source>Opinion</source>
        <extracomment>The viewer&apos;s dark style sheet cascades into its docks; the opinion panel is light (its own rules win, being nearer): give everything else back a light look.</extracomment>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_opener.py" line="299"/>
        <source>No image on screen to capture.</source>
        <translation>Aucune image à l&apos;écran à capturer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_opener.py" line="305"/>
        <source>This view shows no image of the series here (outside it, or a gap).</source>
        <translation>Cette vue ne montre ici aucune image de la série (hors de la série, ou une lacune).</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_opener.py" line="310"/>
        <source>The images on screen are not all loaded yet: capture again once they are.</source>
        <translation>Les images à l&apos;écran ne sont pas encore toutes chargées : capturez de nouveau une fois qu&apos;elles le sont.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_opener.py" line="315"/>
        <source>The images on screen cannot be traced to their instances.</source>
        <translation>Les images à l&apos;écran ne peuvent pas être rattachées à leurs instances.</translation>
    </message>
</context>
<context>
    <name>OpinionForm</name>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="208"/>
        <source>Series read</source>
        <translation>Séries lues</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="214"/>
        <source>The images are not listed yet.</source>
        <translation>Les images ne sont pas encore listées.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="239"/>
        <source>&amp;Haemorrhage</source>
        <translation>&amp;Hémorragie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="247"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="250"/>
        <location filename="../../app/ui/opinion/form.py" line="279"/>
        <source>Not stated</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="253"/>
        <location filename="../../app/ui/opinion/form.py" line="281"/>
        <source>Side</source>
        <translation>Côté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="266"/>
        <source>Volume (ABC/2)</source>
        <translation>Volume (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="267"/>
        <source>From the viewer&apos;s ABC/2 measurement, or typed</source>
        <translation>Issu de la mesure ABC/2 de la visionneuse, ou saisi</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="276"/>
        <source>&amp;Early ischaemic signs</source>
        <translation>Signes précoces d&apos;&amp;ischémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="286"/>
        <source>H&amp;yperdense artery</source>
        <translation>H&amp;yperdensité artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="287"/>
        <location filename="../../app/ui/opinion/form.py" line="323"/>
        <source>Not scored</source>
        <translation>Non coté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="288"/>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="289"/>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="295"/>
        <source>&amp;ASPECTS hemisphere</source>
        <translation>Hémisphère &amp;ASPECTS</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="317"/>
        <source>Tick the regions with early ischaemic change</source>
        <translation>Cocher les régions présentant des signes précoces d&apos;ischémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="324"/>
        <source>Scored</source>
        <translation>Coté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="331"/>
        <source>&amp;pc-ASPECTS</source>
        <translation>&amp;pc-ASPECTS</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="343"/>
        <source>Vessel &amp;occlusion</source>
        <translation>&amp;Occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="370"/>
        <source>Occluded vessels and side</source>
        <translation>Artères occluses et côté</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="373"/>
        <source>Tandem lesion</source>
        <translation>Lésion en tandem</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="376"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="376"/>
        <source>Suspected</source>
        <translation>Suspectée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="379"/>
        <source>Dissection</source>
        <translation>Dissection</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="387"/>
        <source>Pe&amp;rfusion</source>
        <translation>Pe&amp;rfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="389"/>
        <source>Not read</source>
        <translation>Non lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="390"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="406"/>
        <source>Core</source>
        <translation>Cœur</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="408"/>
        <source>Hypoperfusion</source>
        <translation>Hypoperfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="412"/>
        <source>HIR (Tmax &gt; 10 s / Tmax &gt; 6 s)</source>
        <translation>HIR (Tmax &gt; 10 s / Tmax &gt; 6 s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="440"/>
        <source>MRI: DWI / FLAIR</source>
        <translation>IRM : diffusion / FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="442"/>
        <source>&amp;DWI lesion</source>
        <translation>Lésion en &amp;diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="444"/>
        <source>not measured</source>
        <translation>non mesuré</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="448"/>
        <source>DWI volume</source>
        <translation>Volume en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="451"/>
        <source>DWI/FLAIR mismatch</source>
        <translation>Mismatch diffusion/FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="484"/>
        <source>Other findings and limitations</source>
        <translation>Autres anomalies et limites</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="487"/>
        <source>Other &amp;findings</source>
        <translation>Autres a&amp;nomalies</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="493"/>
        <source>&amp;Limitations</source>
        <translation>&amp;Limites</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="495"/>
        <source>Other limitation, in words</source>
        <translation>Autre limite, en toutes lettres</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="502"/>
        <source>Conclusion and recommendation</source>
        <translation>Conclusion et conduite à tenir</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="505"/>
        <source>&amp;Conclusion</source>
        <translation>&amp;Conclusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="506"/>
        <source>IV &amp;thrombolysis</source>
        <translation>&amp;Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="508"/>
        <source>Why: e.g. haemorrhage, extensive infarct</source>
        <translation>Pourquoi : p. ex. hémorragie, infarctus étendu</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="510"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="512"/>
        <source>Throm&amp;bectomy</source>
        <translation>Throm&amp;bectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="514"/>
        <source>Other advice</source>
        <translation>Autre conduite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="516"/>
        <source>Free te&amp;xt</source>
        <translation>Te&amp;xte libre</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="521"/>
        <source>Dr …</source>
        <translation>Dr …</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="524"/>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="529"/>
        <source>at</source>
        <translation>à</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="536"/>
        <source>Result &amp;phoned to</source>
        <translation>R&amp;ésultat téléphoné à</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="564"/>
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="585"/>
        <source>Penumbra %1 mL
Mismatch ratio %2</source>
        <translation>Pénombre %1 mL
Ratio de mismatch %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="604"/>
        <source>(0028,2110) Lossy Image Compression says a series read was lossy-compressed</source>
        <translation>(0028,2110) Lossy Image Compression indique qu&apos;une série lue a subi une compression avec perte</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="634"/>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="656"/>
        <source>ASPECTS %1</source>
        <translation>ASPECTS %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/form.py" line="664"/>
        <source>pc-ASPECTS %1</source>
        <translation>pc-ASPECTS %1</translation>
    </message>
</context>
<context>
    <name>OpinionPanel</name>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="27"/>
        <source>The identity override saved with this draft by an earlier version covered whole fields, not the differing values; it no longer applies. Check the patient and confirm again.</source>
        <translation>Le passage outre enregistré avec ce brouillon par une version antérieure portait sur des champs entiers, et non sur les valeurs divergentes ; il ne s&apos;applique plus. Vérifiez le patient et confirmez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="37"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="38"/>
        <source>Issuer of Patient ID</source>
        <translation>Émetteur de l&apos;ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="39"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="40"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="41"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="47"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/identity.py" line="49"/>
        <source>%1: request %2, images %3</source>
        <translation>%1 : demande %2, images %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="97"/>
        <source>Override with a reason…</source>
        <translation>Passer outre, avec un motif…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="102"/>
        <source>Amend…</source>
        <translation>Rectifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="151"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="163"/>
        <source>ID %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="169"/>
        <source>Question: %1</source>
        <translation>Question : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="178"/>
        <source>Key images</source>
        <translation>Images clés</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="181"/>
        <source>Capture the view (Ctrl+K)</source>
        <translation>Capturer la vue (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="184"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="193"/>
        <source>None yet: capture the current view, annotations included.</source>
        <translation>Aucune pour l&apos;instant : capturer la vue courante, annotations comprises.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="201"/>
        <source>Missing before sending</source>
        <translation>Manquant avant l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="221"/>
        <source>Send preliminary</source>
        <translation>Envoyer un avis préliminaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="224"/>
        <source>Ctrl+Shift+P — the request stays in progress; the final opinion follows</source>
        <translation>Ctrl+Maj+P — la demande reste en cours ; l&apos;avis définitif suivra</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="226"/>
        <location filename="../../app/ui/opinion/panel.py" line="412"/>
        <source>Sign and send final</source>
        <translation>Signer et envoyer l&apos;avis définitif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="228"/>
        <source>Ctrl+Shift+Enter — completes the request</source>
        <translation>Ctrl+Maj+Entrée — clôt la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="280"/>
        <source>Received after the opinion was signed, and not read in it: %1. Read it; correct the opinion if it changes anything.</source>
        <translation>Reçue après la signature de l&apos;avis, et non lue pour celui-ci : %1. La lire ; rectifier l&apos;avis si elle change quelque chose.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="291"/>
        <source>Final opinion signed by %1 at %2 and delivered. To correct it, send an amendment.</source>
        <translation>Avis définitif signé par %1 à %2 et remis. Pour le corriger, envoyer une rectification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="294"/>
        <source>Final opinion signed by %1 at %2; it can no longer change. It can be amended once delivered.</source>
        <translation>Avis définitif signé par %1 à %2 ; il ne peut plus être modifié. Il pourra être rectifié une fois remis.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="301"/>
        <source>Amendment of the final opinion: %1</source>
        <translation>Rectification de l&apos;avis définitif : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="306"/>
        <source>Preliminary opinion sent; this draft is the final opinion.</source>
        <translation>Avis préliminaire envoyé ; ce brouillon est l&apos;avis définitif.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="319"/>
        <source> (restored)</source>
        <translation> (restauré)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="320"/>
        <source>Draft saved %1</source>
        <translation>Brouillon enregistré à %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="322"/>
        <source>The saved draft of this case could not be read.</source>
        <translation>Le brouillon enregistré de ce dossier n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="337"/>
        <source>The ED reports: %1.</source>
        <translation>Les urgences signalent : %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="340"/>
        <source>No imaging contraindication to IV thrombolysis is chosen: weigh these clinical facts; sending stays possible.</source>
        <translation>Vous avez retenu « Pas de contre-indication en imagerie » à la thrombolyse IV : tenez compte de ces éléments cliniques ; l&apos;envoi reste possible.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="348"/>
        <source>Last known well: unknown</source>
        <translation>Dernière heure sans symptôme : inconnue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="354"/>
        <source>LKW %1 h %2 min ago (%3)</source>
        <translation>Dernière heure sans symptôme : il y a %1 h %2 min (%3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="366"/>
        <source>Identity: checked once the images are listed.</source>
        <translation>Identité : vérifiée dès que les images sont listées.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="369"/>
        <source>Identity differs between the request and the images — sending is blocked:</source>
        <translation>L&apos;identité diffère entre la demande et les images — l&apos;envoi est bloqué :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="376"/>
        <source>Identity differences overridden by %1: %2</source>
        <translation>Écarts d&apos;identité acceptés par %1 : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="380"/>
        <source>Identity: the request and the images match (ID and issuer, birth date, sex, name).</source>
        <translation>Identité : la demande et les images concordent (ID et émetteur, date de naissance, sexe, nom).</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="401"/>
        <source>Nothing missing: ready to sign.</source>
        <translation>Rien ne manque : prêt à signer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="412"/>
        <source>Sign and send the amendment</source>
        <translation>Signer et envoyer la rectification</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="419"/>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="435"/>
        <source>Signing and putting the opinion in the outbox…</source>
        <translation>Signature et dépôt de l&apos;avis dans la boîte d&apos;envoi…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="459"/>
        <source>Not sent: see what is missing before sending.</source>
        <translation>Non envoyé : voir ce qui manque avant l&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="461"/>
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="548"/>
        <source>Amend the opinion</source>
        <translation>Rectifier l&apos;avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/panel.py" line="548"/>
        <source>What does the amendment correct?</source>
        <translation>Que corrige la rectification ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="49"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="50"/>
        <source>sending</source>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="51"/>
        <source>delivered</source>
        <translation>remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="52"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="59"/>
        <source>Amended opinion</source>
        <translation>Avis rectifié</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="61"/>
        <source>Final opinion</source>
        <translation>Avis définitif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="63"/>
        <source>Preliminary opinion</source>
        <translation>Avis préliminaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="64"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="75"/>
        <source>next try %1</source>
        <translation>prochain essai %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="287"/>
        <source>An opinion is not delivered yet:</source>
        <translation>Un avis n&apos;est pas encore remis :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="289"/>
        <source>%1 opinions are not delivered yet:</source>
        <translation>%1 avis ne sont pas encore remis :</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="297"/>
        <source>They stay in the outbox and are sent when StrokeLink starts again. Quit anyway?</source>
        <translation>Ils restent dans la boîte d&apos;envoi et seront envoyés au prochain démarrage de StrokeLink. Quitter quand même ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="305"/>
        <source>Opinions not delivered</source>
        <translation>Avis non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="26"/>
        <location filename="../../app/ui/opinion/words.py" line="99"/>
        <source>Not assessed</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="27"/>
        <location filename="../../app/ui/opinion/words.py" line="335"/>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="28"/>
        <location filename="../../app/ui/opinion/words.py" line="33"/>
        <location filename="../../app/ui/opinion/words.py" line="39"/>
        <location filename="../../app/ui/opinion/words.py" line="333"/>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="33"/>
        <location filename="../../app/ui/opinion/words.py" line="39"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="42"/>
        <source>No angiography available</source>
        <translation>Pas d&apos;angiographie disponible</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="44"/>
        <source>No angiographic series in the study: the occlusion cannot be assessed</source>
        <translation>Aucune série angiographique dans l&apos;examen : l&apos;occlusion ne peut pas être évaluée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="61"/>
        <source>L</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="61"/>
        <source>R</source>
        <translation>D</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="63"/>
        <location filename="../../app/ui/opinion/words.py" line="68"/>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="63"/>
        <location filename="../../app/ui/opinion/words.py" line="69"/>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="72"/>
        <source>L+R</source>
        <translation>G+D</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="72"/>
        <source>Both</source>
        <translation>Les deux</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="74"/>
        <source>Bilateral</source>
        <translation>Bilatéral</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="77"/>
        <source>Midline</source>
        <translation>Médiane</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="107"/>
        <source>No imaging contraindication</source>
        <translation>Pas de contre-indication en imagerie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="111"/>
        <source>Contraindicated</source>
        <translation>Contre-indiquée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="88"/>
        <source>Pending (more imaging)</source>
        <translation>En attente (imagerie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="90"/>
        <source>Decision awaits further imaging (preliminary opinion only)</source>
        <translation>Décision en attente d&apos;imagerie complémentaire (avis préliminaire seulement)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="121"/>
        <source>Candidate → transfer</source>
        <translation>Candidat → transfert</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="123"/>
        <source>Candidate: transfer to a thrombectomy centre</source>
        <translation>Candidat : transfert vers un centre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="125"/>
        <source>Not a candidate</source>
        <translation>Non candidat</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="145"/>
        <source>Intraparenchymal</source>
        <translation>Intraparenchymateuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="146"/>
        <source>Subarachnoid</source>
        <translation>Sous-arachnoïdienne</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="147"/>
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="148"/>
        <source>Extradural</source>
        <translation>Extradurale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="149"/>
        <source>Intraventricular</source>
        <translation>Intraventriculaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="150"/>
        <source>Haemorrhagic transformation</source>
        <translation>Transformation hémorragique</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="151"/>
        <source>Cervical ICA</source>
        <translation>ACI cervicale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="152"/>
        <source>Carotid T</source>
        <translation>T carotidien</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="153"/>
        <source>M1</source>
        <translation>M1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="154"/>
        <source>M2</source>
        <translation>M2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="155"/>
        <source>M3 / distal</source>
        <translation>M3 / distale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="156"/>
        <source>ACA</source>
        <translation>ACA</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="157"/>
        <source>Vertebral</source>
        <translation>Vertébrale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="158"/>
        <source>Basilar</source>
        <translation>Tronc basilaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="159"/>
        <source>PCA</source>
        <translation>ACP</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="160"/>
        <source>Left thalamus</source>
        <translation>Thalamus gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="161"/>
        <source>Right thalamus</source>
        <translation>Thalamus droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="162"/>
        <source>Left cerebellum</source>
        <translation>Hémisphère cérébelleux gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="163"/>
        <source>Right cerebellum</source>
        <translation>Hémisphère cérébelleux droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="164"/>
        <source>Left PCA territory</source>
        <translation>Territoire ACP gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="165"/>
        <source>Right PCA territory</source>
        <translation>Territoire ACP droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="166"/>
        <source>Midbrain (2)</source>
        <translation>Mésencéphale (2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="167"/>
        <source>Pons (2)</source>
        <translation>Protubérance (2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="168"/>
        <source>Caudate</source>
        <translation>Noyau caudé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="169"/>
        <source>Lentiform nucleus</source>
        <translation>Noyau lenticulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="170"/>
        <source>Internal capsule</source>
        <translation>Capsule interne</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="171"/>
        <source>Insular ribbon</source>
        <translation>Ruban insulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="172"/>
        <source>Anterior MCA cortex (M1)</source>
        <translation>Cortex sylvien antérieur (M1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="173"/>
        <source>MCA cortex lateral to the insula (M2)</source>
        <translation>Cortex sylvien latéral à l&apos;insula (M2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="174"/>
        <source>Posterior MCA cortex (M3)</source>
        <translation>Cortex sylvien postérieur (M3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="175"/>
        <source>Anterior MCA territory above M1 (M4)</source>
        <translation>Territoire sylvien antérieur au-dessus de M1 (M4)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="176"/>
        <source>Lateral MCA territory above M2 (M5)</source>
        <translation>Territoire sylvien latéral au-dessus de M2 (M5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="177"/>
        <source>Posterior MCA territory above M3 (M6)</source>
        <translation>Territoire sylvien postérieur au-dessus de M3 (M6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="178"/>
        <source>Motion</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="179"/>
        <source>Incomplete coverage</source>
        <translation>Couverture incomplète</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="180"/>
        <source>Lossy-compressed images</source>
        <translation>Images compressées avec perte</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="181"/>
        <source>Localizer</source>
        <translation>Topogramme</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="182"/>
        <source>NCCT</source>
        <translation>Scanner sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="183"/>
        <source>CTA</source>
        <translation>Angioscanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="184"/>
        <source>CT perfusion</source>
        <translation>Perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="185"/>
        <source>DWI</source>
        <translation>Diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="186"/>
        <source>ADC</source>
        <translation>ADC</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="187"/>
        <source>FLAIR</source>
        <translation>FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="188"/>
        <source>SWI</source>
        <translation>SWI</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="189"/>
        <source>MRA (TOF)</source>
        <translation>ARM (TOF)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="190"/>
        <source>T1</source>
        <translation>T1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="191"/>
        <source>T2</source>
        <translation>T2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="192"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="219"/>
        <source>Series read: tick the series you read</source>
        <translation>Séries lues : cocher les séries lues</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="220"/>
        <source>Haemorrhage: state whether there is one</source>
        <translation>Hémorragie : indiquer s&apos;il y en a une</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="221"/>
        <source>Haemorrhage: give its type</source>
        <translation>Hémorragie : en préciser le type</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="222"/>
        <source>Haemorrhage: give its side (left, right, both or midline)</source>
        <translation>Hémorragie : en préciser le côté (gauche, droite, les deux ou médiane)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="272"/>
        <source>Perfusion: confirm or change the values the analysis suggested</source>
        <translation>Perfusion : confirmez ou modifiez les valeurs suggérées par l&apos;analyse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="276"/>
        <source>MRI: confirm or change the values the analysis suggested</source>
        <translation>IRM : confirmez ou modifiez les valeurs suggérées par l&apos;analyse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="283"/>
        <source>MRI: a DWI volume is given while the DWI lesion is absent</source>
        <translation>IRM : un volume DWI est renseigné alors que la lésion DWI est absente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="287"/>
        <source>MRI: a DWI volume is given while the DWI lesion is not assessed</source>
        <translation>IRM : un volume DWI est renseigné alors que la lésion DWI n&apos;est pas évaluée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="292"/>
        <source>; clear the volume</source>
        <translation> ; effacez le volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="294"/>
        <source>MRI: a DWI/FLAIR mismatch is given while the DWI lesion is absent</source>
        <translation>IRM : un mismatch DWI/FLAIR est renseigné alors que la lésion DWI est absente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="298"/>
        <source>MRI: a DWI/FLAIR mismatch is given while the DWI lesion is not assessed</source>
        <translation>IRM : un mismatch DWI/FLAIR est renseigné alors que la lésion DWI n&apos;est pas évaluée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="303"/>
        <source>; set it to not assessed</source>
        <translation> ; indiquez-le comme non évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="305"/>
        <source>Perfusion: the HIR is a ratio between 0 and 1</source>
        <translation>Perfusion : le HIR est un rapport compris entre 0 et 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="320"/>
        <source>Core</source>
        <translation>Cœur</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="321"/>
        <source>Hypoperfusion</source>
        <translation>Hypoperfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="322"/>
        <source>HIR</source>
        <translation>HIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="323"/>
        <source>DWI lesion</source>
        <translation>Lésion en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="324"/>
        <source>DWI volume</source>
        <translation>Volume en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="325"/>
        <source>DWI/FLAIR mismatch</source>
        <translation>Mismatch diffusion/FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="338"/>
        <source>%1 mL</source>
        <translation>%1 mL</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="348"/>
        <source>%1: removed by you (%3 measured %2)</source>
        <translation>%1 : retiré par vous (%3 a mesuré %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="354"/>
        <source>%1: %2 suggested by %3, not confirmed yet</source>
        <translation>%1 : %2 suggéré par %3, pas encore confirmé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="357"/>
        <source>%1: %2 measured by %3, confirmed by you</source>
        <translation>%1 : %2 mesuré par %3, confirmé par vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="360"/>
        <source>%1: changed by you (%3 measured %2)</source>
        <translation>%1 : modifié par vous (%3 a mesuré %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="386"/>
        <source>%1: kept as you gave it (%2); the analysis measured %3</source>
        <translation>%1 : conservé tel que vous l&apos;avez saisi (%2) ; l&apos;analyse a mesuré %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="392"/>
        <source>The earlier analysis&apos; suggestions you had not confirmed were withdrawn</source>
        <translation>Les suggestions de l&apos;analyse précédente que vous n&apos;aviez pas confirmées ont été retirées</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="397"/>
        <source>Already given by you: kept as you gave it, not replaced by the analysis</source>
        <translation>Déjà renseigné par vous : conservé tel quel, non remplacé par l&apos;analyse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="404"/>
        <source>Not suggested: the analysis&apos; hypoperfused volume (%1 mL) is smaller than its core (%2 mL)</source>
        <translation>Non suggéré : le volume hypoperfusé de l&apos;analyse (%1 mL) est plus petit que son cœur (%2 mL)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="413"/>
        <source>The analysis gave no core and hypoperfusion volumes</source>
        <translation>L&apos;analyse n&apos;a donné ni volume de cœur ni volume d&apos;hypoperfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="415"/>
        <source>The analysis found no DWI lesion to suggest</source>
        <translation>L&apos;analyse n&apos;a trouvé aucune lésion en diffusion à suggérer</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="422"/>
        <source>Vessel occlusion: a series looks angiographic, so &apos;No angiography available&apos; does not fit; state whether a vessel is occluded</source>
        <translation>Occlusion artérielle : une série semble angiographique, « Pas d&apos;angiographie disponible » ne convient donc pas ; indiquer si une artère est occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="428"/>
        <source>Vessel occlusion: an angiography was read; state whether a vessel is occluded</source>
        <translation>Occlusion artérielle : une angiographie a été lue ; indiquer si une artère est occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="433"/>
        <source>Vessel occlusion: a series looks angiographic; state whether a vessel is occluded</source>
        <translation>Occlusion artérielle : une série semble angiographique ; indiquer si une artère est occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="437"/>
        <source>Vessel occlusion: state whether a vessel is occluded, or that no angiography is available</source>
        <translation>Occlusion artérielle : indiquer si une artère est occluse, ou qu&apos;aucune angiographie n&apos;est disponible</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="225"/>
        <source>Vessel occlusion: tick the occluded vessel</source>
        <translation>Occlusion artérielle : cocher l&apos;artère occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="226"/>
        <source>Vessel occlusion: give the side of each occluded vessel</source>
        <translation>Occlusion artérielle : préciser le côté de chaque artère occluse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="229"/>
        <source>IV thrombolysis: say why it is contraindicated</source>
        <translation>Thrombolyse IV : préciser la contre-indication</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="232"/>
        <source>Signature: your name is missing from the radiologist settings</source>
        <translation>Signature : votre nom manque dans les réglages du radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="235"/>
        <source>Signature: your organisation is missing from the radiologist settings</source>
        <translation>Signature : votre établissement manque dans les réglages du radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="238"/>
        <source>Patient identity: the request and the images differ (see above)</source>
        <translation>Identité du patient : la demande et les images diffèrent (voir ci-dessus)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="241"/>
        <source>This request is not claimed on this workstation</source>
        <translation>Cette demande n&apos;est pas prise en charge sur ce poste</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="242"/>
        <source>The case&apos;s images are not listed yet</source>
        <translation>Les images du dossier ne sont pas encore listées</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="243"/>
        <source>A key image can no longer be rebuilt: remove it and capture it again</source>
        <translation>Une image clé ne peut plus être reconstruite : la retirer et la capturer à nouveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="246"/>
        <source>The final opinion is already signed</source>
        <translation>L&apos;avis définitif est déjà signé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="250"/>
        <source>IV thrombolysis</source>
        <translation>Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="252"/>
        <source>Thrombectomy</source>
        <translation>Thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="255"/>
        <source>%1: a final opinion cannot leave it pending</source>
        <translation>%1 : un avis définitif ne peut pas le laisser en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="258"/>
        <source>%1: state the advice</source>
        <translation>%1 : indiquer la conduite à tenir</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="262"/>
        <source>A series read is not among the study&apos;s images</source>
        <translation>Une série lue ne fait pas partie des images de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="264"/>
        <source>The opinion is for another study than the images</source>
        <translation>L&apos;avis porte sur un autre examen que les images</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="268"/>
        <source>ASPECTS: regions ticked while early ischaemic signs are absent</source>
        <translation>ASPECTS : régions cochées alors que les signes précoces d&apos;ischémie sont absents</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/words.py" line="309"/>
        <source>Perfusion: the hypoperfused volume includes the core; it cannot be smaller</source>
        <translation>Perfusion : le volume hypoperfusé inclut le cœur ; il ne peut pas être plus petit</translation>
    </message>
</context>
<context>
    <name>OpinionView</name>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="71"/>
        <location filename="../../app/ui/ed/opinion_view.py" line="158"/>
        <source>Acknowledge: I have read this opinion</source>
        <translation>Accuser réception : j&apos;ai lu cet avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="72"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="77"/>
        <source>Open the PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="123"/>
        <source>AMENDED OPINION</source>
        <translation>AVIS RECTIFIÉ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="125"/>
        <source>PRELIMINARY OPINION</source>
        <translation>AVIS PRÉLIMINAIRE</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="126"/>
        <source>FINAL OPINION</source>
        <translation>AVIS DÉFINITIF</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="132"/>
        <source>(replaced)</source>
        <translation>(remplacé)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="156"/>
        <source>✓ Acknowledged</source>
        <translation>✓ Réception accusée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="180"/>
        <source>Select a request to see its answer.</source>
        <translation>Sélectionnez une demande pour voir sa réponse.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="183"/>
        <source>The upload of the images was interrupted: the radiologist does not have them all. Resume it.</source>
        <translation>L&apos;envoi des images a été interrompu : le radiologue ne les a pas toutes. Reprenez l&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="186"/>
        <source>No opinion yet for this request.</source>
        <translation>Pas encore d&apos;avis pour cette demande.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="195"/>
        <source>By %1, signed %2</source>
        <translation>Par %1, signé le %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="204"/>
        <source>Amended: %1</source>
        <translation>Rectifié : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="211"/>
        <source>This opinion does not say which request it answers, and the study has several: phone the radiologist before acting on it.</source>
        <translation>Cet avis ne précise pas à quelle demande il répond, et l&apos;examen en a plusieurs : appelez le radiologue avant d&apos;en tenir compte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="221"/>
        <source>A later opinion replaces this one: read the latest.</source>
        <translation>Un avis ultérieur remplace celui-ci : lisez le plus récent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="229"/>
        <source>Patient: %1 — ID %2 — born %3 — sex %4</source>
        <translation>Patient : %1 — ID %2 — né(e) le %3 — sexe %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="242"/>
        <source>Haemorrhage</source>
        <translation>Hémorragie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="243"/>
        <source>Vessel occlusion</source>
        <translation>Occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="244"/>
        <source>IV thrombolysis</source>
        <translation>Thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="245"/>
        <source>Thrombectomy</source>
        <translation>Thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="273"/>
        <source>Key images</source>
        <translation>Images clés</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="278"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="293"/>
        <source>Not acknowledged yet.</source>
        <translation>Réception pas encore accusée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="298"/>
        <source>Read by %1 (%2) at %3</source>
        <translation>Lu par %1 (%2) le %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/opinion_view.py" line="311"/>
        <source>Image not available</source>
        <translation>Image indisponible</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="172"/>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="173"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="175"/>
        <source>Write the opinion&apos;s DICOM files and PDF to a folder (not encrypted)</source>
        <translation>Écrire les fichiers DICOM et le PDF de l&apos;avis dans un dossier (non chiffrés)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="218"/>
        <source>Outbox: empty</source>
        <translation>Boîte d&apos;envoi : vide</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="220"/>
        <source>Outbox: every opinion delivered</source>
        <translation>Boîte d&apos;envoi : tous les avis sont remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="222"/>
        <source>Outbox: %1 not delivered</source>
        <translation>Boîte d&apos;envoi : %1 non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="259"/>
        <source>Export the opinion to…</source>
        <translation>Exporter l&apos;avis vers…</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="266"/>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/outbox_panel.py" line="269"/>
        <source>%1 files written to %2</source>
        <translation>%1 fichiers écrits dans %2</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../app/ui/case_services.py" line="252"/>
        <source>Outbox</source>
        <translation>Boîte d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="275"/>
        <source>Outbox (%1)</source>
        <translation>Boîte d&apos;envoi (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="281"/>
        <source>1 opinion not delivered</source>
        <translation>1 avis non remis</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_services.py" line="283"/>
        <source>%1 opinions not delivered</source>
        <translation>%1 avis non remis</translation>
    </message>
</context>
<context>
    <name>PacsSource</name>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="100"/>
        <source>Images from the hospital PACS</source>
        <translation>Images du PACS de l&apos;hôpital</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="108"/>
        <source>Hospital PACS</source>
        <translation>PACS de l&apos;hôpital</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="110"/>
        <source>host name or address</source>
        <translation>nom d&apos;hôte ou adresse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="113"/>
        <source>the PACS&apos;s AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="116"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="117"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="118"/>
        <source>PACS AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="119"/>
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="121"/>
        <location filename="../../app/ui/ed/pacs_source.py" line="128"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="124"/>
        <source>FAMILY^Given, * allowed</source>
        <translation>NOM^Prénom, * permis</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="126"/>
        <source>YYYYMMDD or YYYYMMDD-YYYYMMDD</source>
        <translation>AAAAMMJJ ou AAAAMMJJ-AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="132"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="133"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="134"/>
        <location filename="../../app/ui/ed/pacs_source.py" line="147"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="135"/>
        <source>Accession number</source>
        <translation>Numéro d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="147"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="147"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="148"/>
        <source>Modalities</source>
        <translation>Modalités</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="148"/>
        <source>Accession</source>
        <translation>N° d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="160"/>
        <source>Retrieve</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="163"/>
        <location filename="../../app/ui/ed/pacs_source.py" line="225"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="175"/>
        <source>Series to retrieve</source>
        <translation>Séries à récupérer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="190"/>
        <source>Give the PACS&apos;s host, port (1–65535) and AE title.</source>
        <translation>Indiquez l&apos;hôte, le port (1–65535) et l&apos;AE title du PACS.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="202"/>
        <source>Could not save the PACS settings for next time.</source>
        <translation>Impossible d&apos;enregistrer les réglages du PACS pour la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="213"/>
        <source>Retrieval stopped.</source>
        <translation>Récupération arrêtée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="217"/>
        <source>The PACS could not be queried (%1).</source>
        <translation>Le PACS n&apos;a pas pu être interrogé (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="225"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="240"/>
        <source>Search by patient ID, name, date or accession number.</source>
        <translation>Recherchez par ID patient, nom, date ou numéro d&apos;examen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="243"/>
        <source>Searching %1…</source>
        <translation>Recherche sur %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="265"/>
        <source>%1 studies found.</source>
        <translation>%1 examens trouvés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="266"/>
        <source>No study found.</source>
        <translation>Aucun examen trouvé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="277"/>
        <source>Listing the series…</source>
        <translation>Liste des séries…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="289"/>
        <source>%1%2 — %3, %4 images</source>
        <translation>%1%2 — %3, %4 images</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="297"/>
        <source>(localiser, left out by default)</source>
        <translation>(localisateur, exclu par défaut)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="302"/>
        <source>Tick the series to retrieve.</source>
        <translation>Cochez les séries à récupérer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="321"/>
        <source>Tick at least one series.</source>
        <translation>Cochez au moins une série.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="330"/>
        <source>Retrieving %1 series…</source>
        <translation>Récupération de %1 série(s)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="350"/>
        <source>Retrieved.</source>
        <translation>Récupéré.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/pacs_source.py" line="362"/>
        <source>Stopping…</source>
        <translation>Arrêt…</translation>
    </message>
</context>
<context>
    <name>Pane</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="225"/>
        <source>Double-click (or F): this pane alone, and back</source>
        <extracomment>The layout the reader chose last (Ctrl+3/4 or the toolbar), kept for the next cases of this session; None: each protocol&apos;s own. One view alone (1x1) is never kept: the next patient opens with every plane (a single view could hide the finding elsewhere).</extracomment>
        <translation>Double-clic (ou F) : ce panneau seul, et retour</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="242"/>
        <source>No %1 series in this study</source>
        <translation>Aucune série %1 dans cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="257"/>
        <source>Waiting for %1…</source>
        <translation>En attente de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="416"/>
        <source>t = %1 s (%2/%3), space: play</source>
        <translation>t = %1 s (%2/%3), espace : lecture</translation>
    </message>
</context>
<context>
    <name>PriorOpinionBanner</name>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="64"/>
        <source>Write a new opinion</source>
        <translation>Rédiger un nouvel avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="66"/>
        <source>After reading the opinion above: write this request&apos;s own opinion</source>
        <translation>Après lecture de l&apos;avis ci-dessus : rédiger l&apos;avis propre à cette demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="81"/>
        <source>A final opinion already exists for this study</source>
        <translation>Un avis définitif existe déjà pour cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="83"/>
        <source>%1 final opinions already exist for this study</source>
        <translation>%1 avis définitifs existent déjà pour cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="95"/>
        <source>Read it before writing another: the ED may already act on it. To correct it, its author amends it.</source>
        <translation>Lisez-le avant d&apos;en rédiger un autre : les urgences agissent peut-être déjà en conséquence. Pour le corriger, son auteur le rectifie.</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="108"/>
        <source>for this request</source>
        <translation>pour cette demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="110"/>
        <source>for another request of this study</source>
        <translation>pour une autre demande de cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="112"/>
        <source>for a request it does not name</source>
        <translation>pour une demande qu&apos;il ne précise pas</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="115"/>
        <source>Amended final opinion</source>
        <translation>Avis définitif rectifié</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="115"/>
        <source>Final opinion</source>
        <translation>Avis définitif</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="118"/>
        <source>%1 by %2, signed %3 — %4</source>
        <translation>%1 de %2, signé le %3 — %4</translation>
    </message>
</context>
<context>
    <name>PriorOpinionGate</name>
    <message>
        <location filename="../../app/ui/opinion/prior_opinion.py" line="187"/>
        <source>Could not check the study for an earlier opinion (%1).</source>
        <translation>Impossible de vérifier si l&apos;examen a déjà un avis (%1).</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="150"/>
        <source>Connect to the hub — StrokeLink</source>
        <translation>Connexion au hub — StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="152"/>
        <source>Hub profile — StrokeLink</source>
        <translation>Profil de hub — StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="170"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="174"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="174"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="189"/>
        <source>Welcome to StrokeLink. Connect this computer to your region&apos;s hub: your IT department gives you its address, your user name and password.</source>
        <translation>Bienvenue dans StrokeLink. Connectez cet ordinateur au hub de votre région : votre service informatique vous en donne l&apos;adresse, votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="192"/>
        <source>How this computer connects to a hub, and who signs the opinions.</source>
        <translation>Comment cet ordinateur se connecte à un hub, et qui signe les avis.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="212"/>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="216"/>
        <source>e.g. lorraine</source>
        <translation>ex. lorraine</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="218"/>
        <source>e.g. https://hub.example.org/dicom-web</source>
        <translation>ex. https://hub.example.org/dicom-web</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="223"/>
        <source>optional: a PEM file</source>
        <translation>facultatif : un fichier PEM</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="224"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="230"/>
        <source>Radiologist (worklist and opinions)</source>
        <translation>Radiologue (liste de travail et avis)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="231"/>
        <source>Emergency department (sends requests)</source>
        <translation>Service des urgences (envoie des demandes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="234"/>
        <source>e.g. CH Verdun</source>
        <translation>ex. CH Verdun</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="236"/>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="237"/>
        <source>Hub URL</source>
        <translation>Adresse du hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="238"/>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="239"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="240"/>
        <source>CA bundle</source>
        <translation>Autorités de certification</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="241"/>
        <source>This computer is used by</source>
        <translation>Cet ordinateur est utilisé par</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="242"/>
        <source>Emergency department&apos;s site</source>
        <translation>Site du service des urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="248"/>
        <source>This computer has no keyring (secret store): the password is kept for this session only, and will be asked again at the next start.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau (coffre à secrets) : le mot de passe est gardé pour cette session seulement, et sera redemandé au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="260"/>
        <source>The hub&apos;s certificate is NOT checked for this profile (set in its file). Saving here turns the check back on: give the CA bundle if needed.</source>
        <translation>Le certificat du hub n&apos;est PAS vérifié pour ce profil (réglé dans son fichier). Enregistrer ici rétablit la vérification : indiquez les autorités de certification si nécessaire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="272"/>
        <source>Who signs the opinions</source>
        <translation>Qui signe les avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="276"/>
        <source>e.g. MARTIN</source>
        <translation>ex. MARTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="278"/>
        <source>e.g. Claire</source>
        <translation>ex. Claire</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="283"/>
        <source>e.g. CHRU Nancy, Neuroradiology</source>
        <translation>ex. CHRU Nancy, Neuroradiologie</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="285"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="286"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="287"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="288"/>
        <source>Organisation</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="292"/>
        <source>Optional now: you can also give it later (Settings › Who signs…).</source>
        <translation>Facultatif maintenant : vous pourrez aussi le donner plus tard (Réglages › Qui signe…).</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="300"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="317"/>
        <source>hub</source>
        <translation>hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="321"/>
        <source>A profile&apos;s name cannot be changed: add a new profile</source>
        <translation>Le nom d&apos;un profil ne peut pas être changé : ajoutez un nouveau profil</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="324"/>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="343"/>
        <source>Only a radiologist signs opinions</source>
        <translation>Seul un radiologue signe des avis</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="348"/>
        <source>CA bundle (PEM)</source>
        <translation>Autorités de certification (PEM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="350"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="374"/>
        <location filename="../../app/ui/settings/profile_dialog.py" line="441"/>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="379"/>
        <source>No &apos;:&apos; and no space at either end.</source>
        <translation>Pas de « : » ni d&apos;espace au début ou à la fin.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="383"/>
        <source>A profile already has this name.</source>
        <translation>Un profil porte déjà ce nom.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="386"/>
        <source>A URL has no spaces.</source>
        <translation>Une adresse ne contient pas d&apos;espace.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="387"/>
        <source>The URL must start with https:// (or http://).</source>
        <translation>L&apos;adresse doit commencer par https:// (ou http://).</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="388"/>
        <source>The URL names no computer, e.g. https://hub.example.org/dicom-web</source>
        <translation>L&apos;adresse ne nomme aucun ordinateur, ex. https://hub.example.org/dicom-web</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="389"/>
        <source>The URL&apos;s port is not a number from 1 to 65535.</source>
        <translation>Le port de l&apos;adresse n&apos;est pas un nombre de 1 à 65535.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="391"/>
        <source>Give the user name and the password in their own fields, not in the URL.</source>
        <translation>Saisissez le nom d&apos;utilisateur et le mot de passe dans leurs propres champs, pas dans l&apos;URL.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="404"/>
        <source>No space at either end.</source>
        <translation>Pas d&apos;espace au début ou à la fin.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="410"/>
        <source>No such file.</source>
        <translation>Ce fichier n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="411"/>
        <source>This file cannot be read.</source>
        <translation>Ce fichier ne peut pas être lu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="412"/>
        <source>Not a PEM certificate file (it has no BEGIN CERTIFICATE).</source>
        <translation>Ce n&apos;est pas un fichier de certificats PEM (il ne contient pas BEGIN CERTIFICATE).</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="442"/>
        <source>Cannot contain ^ = or \.</source>
        <translation>Ne peut pas contenir ^ = ou \.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="443"/>
        <source>Cannot contain a line break or a control character.</source>
        <translation>Ne peut pas contenir de saut de ligne ni de caractère de contrôle.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="444"/>
        <source>Too long (64 characters at most).</source>
        <translation>Trop long (64 caractères au plus).</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="475"/>
        <source>Correct the fields marked first.</source>
        <translation>Corrigez d&apos;abord les champs signalés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="484"/>
        <source>Testing the connection…</source>
        <translation>Test de la connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="498"/>
        <source>The connection works.</source>
        <translation>La connexion fonctionne.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="498"/>
        <source>The connection does not work:</source>
        <translation>La connexion ne fonctionne pas :</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="523"/>
        <source>The connection could not be tested: %1</source>
        <translation>La connexion n&apos;a pas pu être testée : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="533"/>
        <source>Nothing was saved: correct the fields marked.</source>
        <translation>Rien n&apos;a été enregistré : corrigez les champs signalés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/profile_dialog.py" line="550"/>
        <source>The profile could not be saved: %1</source>
        <translation>Le profil n&apos;a pas pu être enregistré : %1</translation>
    </message>
</context>
<context>
    <name>ProtocolView</name>
    <message>
        <location filename="../../app/ui/viewer/panes.py" line="664"/>
        <source>not linked: different frame of reference</source>
        <translation>non synchronisé : référentiel différent</translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="117"/>
        <source>Copy</source>
        <extracomment>Which value each flag highlights.</extracomment>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="118"/>
        <source>Copy the call-back number</source>
        <translation>Copier le numéro de rappel</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="159"/>
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="160"/>
        <source>Requesting physician</source>
        <translation>Médecin demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="161"/>
        <source>Call-back phone</source>
        <translation>Téléphone de rappel</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="162"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="163"/>
        <source>Accession number</source>
        <translation>Numéro d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="164"/>
        <source>Last known well</source>
        <translation>Dernière heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="165"/>
        <source>Symptom onset</source>
        <translation>Début des symptômes</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="166"/>
        <source>Onset</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="167"/>
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="168"/>
        <source>Anticoagulation</source>
        <translation>Anticoagulation</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="169"/>
        <source>Glucose</source>
        <translation>Glycémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="170"/>
        <source>Blood pressure</source>
        <translation>Pression artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="171"/>
        <source>Pre-stroke mRS</source>
        <translation>mRS antérieur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="172"/>
        <source>History</source>
        <translation>Histoire clinique</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="179"/>
        <source>Could not be read</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="225"/>
        <source>could not be read: %1</source>
        <translation>illisible : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="243"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/request_panel.py" line="264"/>
        <source>The ED reports:</source>
        <translation>Les urgences signalent :</translation>
    </message>
</context>
<context>
    <name>RequestTab</name>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="117"/>
        <source>Send the request</source>
        <translation>Envoyer la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="118"/>
        <location filename="../../app/ui/ed/request_tab.py" line="179"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="123"/>
        <source>Cancel sending</source>
        <translation>Annuler l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="125"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="127"/>
        <source>New request</source>
        <translation>Nouvelle demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="177"/>
        <source>A field marked in red must be corrected first.</source>
        <translation>Un champ signalé en rouge doit d&apos;abord être corrigé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="190"/>
        <location filename="../../app/ui/ed/request_tab.py" line="374"/>
        <source>Fill in the request; fields marked * are required.</source>
        <translation>Remplissez la demande ; les champs marqués * sont obligatoires.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="196"/>
        <source>A request was not completely sent (%1 of %2 images on the hub): Retry.</source>
        <translation>Une demande n&apos;a pas été entièrement envoyée (%1 images sur %2 sur le hub) : Réessayer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="209"/>
        <source>Check the fields marked in red.</source>
        <translation>Vérifiez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="217"/>
        <source>These images cannot be sent: choose others, or &apos;No images&apos;.</source>
        <translation>Ces images ne peuvent pas être envoyées : choisissez-en d&apos;autres, ou « Sans images ».</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="222"/>
        <source>Tick at least one series to send.</source>
        <translation>Cochez au moins une série à envoyer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="225"/>
        <source>Confirm that these images are of your patient.</source>
        <translation>Confirmez que ces images sont celles de votre patient.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="241"/>
        <source>Send without images?</source>
        <translation>Envoyer sans images ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="243"/>
        <source>No images are attached: the radiologist gets the request alone (e.g. for protocol advice). Send it?</source>
        <translation>Aucune image n&apos;est jointe : le radiologue reçoit la demande seule (par ex. pour un avis sur le protocole). L&apos;envoyer ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="285"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="291"/>
        <source>Cancelling after the current batch…</source>
        <translation>Annulation après le lot en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="299"/>
        <source>Sending %1: %2 of %3 images</source>
        <translation>Envoi de %1 : %2 images sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="302"/>
        <source>The request is on the hub (%4): the radiologist is alerted; %2 of %3 images sent</source>
        <translation>La demande est sur le hub (%4) : le radiologue est alerté ; %2 images envoyées sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="305"/>
        <source>%2 of %3 images sent</source>
        <translation>%2 images envoyées sur %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="316"/>
        <source>Request sent: %1 series, %2 images on the hub (%3).</source>
        <translation>Demande envoyée : %1 séries, %2 images sur le hub (%3).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="322"/>
        <source>Request sent without images.</source>
        <translation>Demande envoyée sans images.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="332"/>
        <source>%1 of %2 series (%3 of %4 images) are on the hub</source>
        <translation>%1 série(s) sur %2 (%3 image(s) sur %4) sont sur le hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="341"/>
        <source>The request is saved: send it again to resume.</source>
        <translation>La demande est enregistrée : envoyez-la de nouveau pour reprendre.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="349"/>
        <source>Sending cancelled</source>
        <translation>Envoi annulé</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="349"/>
        <source>Sending failed</source>
        <translation>Échec de l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/request_tab.py" line="359"/>
        <source>Unexpected error (%1): nothing more was sent.</source>
        <translation>Erreur inattendue (%1) : rien de plus n&apos;a été envoyé.</translation>
    </message>
</context>
<context>
    <name>RequestsTab</name>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="191"/>
        <source>Refresh</source>
        <extracomment>How long the result of a resume stays above the list summary.</extracomment>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="192"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="196"/>
        <source>Cancel the request…</source>
        <translation>Annuler la demande…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="197"/>
        <source>e.g. patient transferred, symptoms resolved</source>
        <translation>ex. patient transféré, symptômes régressifs</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="199"/>
        <source>Resume the upload</source>
        <translation>Reprendre l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="204"/>
        <source>%v of %m images</source>
        <translation>%v images sur %m</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="277"/>
        <source>Your site is not set: send a request, or start with --site.</source>
        <translation>Votre site n&apos;est pas défini : envoyez une demande, ou lancez avec --site.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="312"/>
        <source>%1: %2 requests in the last 24 h — updated %3</source>
        <translation>%1 : %2 demandes ces dernières 24 h — mis à jour à %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="313"/>
        <source>%1: 1 request in the last 24 h — updated %3</source>
        <translation>%1 : 1 demande ces dernières 24 h — mis à jour à %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="327"/>
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="329"/>
        <source>last update %1</source>
        <translation>dernière mise à jour %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="371"/>
        <source>Sent from another workstation: resume it there</source>
        <translation>Envoyée depuis un autre poste : reprenez l&apos;envoi sur ce poste-là</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="373"/>
        <source>Send the images still missing; the request stays the same</source>
        <translation>Envoyer les images encore manquantes ; la demande reste inchangée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="381"/>
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="382"/>
        <source>Why is the request cancelled? (e.g. patient transferred)</source>
        <translation>Pourquoi la demande est-elle annulée ? (ex. patient transféré)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="388"/>
        <source>Acknowledge</source>
        <translation>Accuser réception</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="388"/>
        <source>Your name (FAMILY^Given):</source>
        <translation>Votre nom (NOM^Prénom) :</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="408"/>
        <source>Acknowledged: the radiologist sees you read it.</source>
        <translation>Réception accusée : le radiologue voit que vous l&apos;avez lu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="430"/>
        <source>No application to open the PDF: %1</source>
        <translation>Aucune application pour ouvrir le PDF : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="449"/>
        <source>Select a request waiting or being read to cancel it.</source>
        <translation>Sélectionnez une demande en attente ou en cours de lecture pour l&apos;annuler.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="469"/>
        <source>Cancellation asked: a waiting request is cancelled at once, one being read once the radiologist accepts.</source>
        <translation>Annulation demandée : une demande en attente est annulée aussitôt, une demande en cours de lecture dès que le radiologue accepte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="484"/>
        <source>This request was sent from another workstation: resume it there.</source>
        <translation>Cette demande a été envoyée depuis un autre poste : reprenez l&apos;envoi sur ce poste-là.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="488"/>
        <source>A request is being sent: resume once it is done.</source>
        <translation>Une demande est en cours d&apos;envoi : reprenez une fois cet envoi terminé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="496"/>
        <source>Resuming the upload…</source>
        <translation>Reprise de l&apos;envoi…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="517"/>
        <source>Upload complete: %1 images on the hub, the request is ready (%2).</source>
        <translation>Envoi terminé : %1 images sur le hub, la demande est prête (%2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="519"/>
        <source>Upload complete: %1 images on the hub. The request was already being read: the radiologist finds them in the study.</source>
        <translation>Envoi terminé : %1 images sur le hub. La demande était déjà en cours de lecture : le radiologue les trouve dans l&apos;examen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="535"/>
        <source>The upload stopped again: %1</source>
        <translation>L&apos;envoi s&apos;est de nouveau arrêté : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/requests_tab.py" line="559"/>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
</context>
<context>
    <name>SeriesRow</name>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="151"/>
        <source>%1 × %2 × %3</source>
        <translation>%1 × %2 × %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="154"/>
        <source>(%n volumes)</source>
        <translation>
            <numerusform>(%n volume)</numerusform>
            <numerusform>(%n volumes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="156"/>
        <source>%n image(s), not a volume</source>
        <translation>
            <numerusform>%n image, pas un volume</numerusform>
            <numerusform>%n images, pas un volume</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/browser.py" line="158"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="161"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="162"/>
        <source>loading</source>
        <translation>chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="163"/>
        <source>complete</source>
        <translation>complète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="164"/>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="165"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="166"/>
        <source>canceled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="170"/>
        <source>%1 of %2 images on the hub</source>
        <translation>%1 images sur %2 sur le hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="173"/>
        <source>still arriving: the ED&apos;s upload is not finished</source>
        <translation>en cours d&apos;arrivée : l&apos;envoi des urgences n&apos;est pas terminé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/browser.py" line="186"/>
        <source>Not a volume: %1</source>
        <translation>Pas un volume : %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="53"/>
        <source>Settings — StrokeLink</source>
        <translation>Réglages — StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="57"/>
        <source>The hubs this computer can connect to. Choosing another active profile (★) takes effect at the next start of StrokeLink: the open window stays connected to its hub until StrokeLink is closed and started again.</source>
        <translation>Les hubs auxquels cet ordinateur peut se connecter. Le choix d&apos;un autre profil actif (★) prend effet au prochain démarrage de StrokeLink : la fenêtre ouverte reste connectée à son hub jusqu&apos;à ce que StrokeLink soit fermé et relancé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="73"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="74"/>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="75"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="76"/>
        <source>Make active</source>
        <translation>Rendre actif</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="93"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="119"/>
        <source>radiologist</source>
        <translation>radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="120"/>
        <source>emergency department</source>
        <translation>service des urgences</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="125"/>
        <source>— active</source>
        <translation>— actif</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="127"/>
        <source>— connected now</source>
        <translation>— connecté actuellement</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="172"/>
        <source>Profile %1 saved.</source>
        <translation>Profil %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="178"/>
        <source>Remove a hub profile</source>
        <translation>Supprimer un profil de hub</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="179"/>
        <source>Remove the hub profile %1 and its password?</source>
        <translation>Supprimer le profil de hub %1 et son mot de passe ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="196"/>
        <source>Profile %1 removed.</source>
        <translation>Profil %1 supprimé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="210"/>
        <source>%1 is the active profile: StrokeLink connects to it at its next start.</source>
        <translation>%1 est le profil actif : StrokeLink s&apos;y connectera à son prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="225"/>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
</context>
<context>
    <name>SignerDialog</name>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="83"/>
        <source>Who signs — StrokeLink</source>
        <extracomment>The opinion panel&apos;s lines (keys of :func:`app.ui.opinion.words.missing_line`) about the signer. Light whatever the parent: over the (dark) case window as over the worklist.</extracomment>
        <translation>Qui signe — StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="102"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="106"/>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="106"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="120"/>
        <source>Your name signs your opinions, and colleagues see it on the requests you read.</source>
        <translation>Votre nom signe vos avis, et vos collègues le voient sur les demandes que vous interprétez.</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="125"/>
        <source>Welcome to StrokeLink. Before you sign your first opinion, say who you are.</source>
        <translation>Bienvenue dans StrokeLink. Avant de signer votre premier avis, indiquez qui vous êtes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="130"/>
        <source>You can change it later in Settings › Who signs…</source>
        <translation>Vous pourrez le modifier plus tard dans Réglages › Qui signe…</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="132"/>
        <source>Opinions already signed keep the name they were signed with.</source>
        <translation>Les avis déjà signés conservent le nom sous lequel ils ont été signés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="138"/>
        <source>e.g. MARTIN</source>
        <translation>ex. MARTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="140"/>
        <source>e.g. Claire</source>
        <translation>ex. Claire</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="144"/>
        <source>Choose a title, type another, or leave it empty</source>
        <translation>Choisissez un titre, saisissez-en un autre ou laissez vide</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="146"/>
        <source>e.g. CHRU Nancy, Neuroradiology</source>
        <translation>ex. CHRU Nancy, Neuroradiologie</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="154"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="155"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="156"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="157"/>
        <source>Organisation</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="159"/>
        <source>%1 (required)</source>
        <translation>%1 (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="209"/>
        <source>Enter your family name</source>
        <translation>Saisissez votre nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="210"/>
        <source>Enter your given name</source>
        <translation>Saisissez votre prénom</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="211"/>
        <source>Enter the hospital or group you sign for</source>
        <translation>Saisissez l&apos;hôpital ou le groupe au nom duquel vous signez</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="212"/>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="215"/>
        <source>Remove the character \ (it cannot be written in DICOM)</source>
        <translation>Retirez le caractère \ (il ne peut pas être écrit en DICOM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="216"/>
        <source>Remove the characters ^ = \ (they cannot be written in DICOM)</source>
        <translation>Retirez les caractères ^ = \ (ils ne peuvent pas être écrits en DICOM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="218"/>
        <source>Remove the line break or control character</source>
        <translation>Retirez le saut de ligne ou le caractère de contrôle</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="220"/>
        <source>Too long: 64 characters at most</source>
        <translation>Trop long : 64 caractères au maximum</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="221"/>
        <source>Too long: title and names together must fit in 64 characters</source>
        <translation>Trop long : titre, nom et prénom réunis ne doivent pas dépasser 64 caractères</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="240"/>
        <source>Signed as: —</source>
        <translation>Signature : —</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="245"/>
        <source>Signed as: %1, %2</source>
        <translation>Signature : %1, %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="262"/>
        <source>Could not save the settings: %1</source>
        <translation>Impossible d&apos;enregistrer les réglages : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="358"/>
        <source>click here to enter it</source>
        <translation>cliquez ici pour le saisir</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="359"/>
        <source>Opens Settings › Who signs…</source>
        <translation>Ouvre Réglages › Qui signe…</translation>
    </message>
</context>
<context>
    <name>SiteRequestsModel</name>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="107"/>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="108"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="109"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="110"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="111"/>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="112"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="134"/>
        <source>Opinion by %1 not matched to a request</source>
        <translation>Avis de %1 non rattaché à une demande</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="136"/>
        <source>Waiting for a radiologist</source>
        <translation>En attente d&apos;un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="140"/>
        <source>Being read by %1</source>
        <translation>En cours de lecture par %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="140"/>
        <source>a radiologist</source>
        <translation>un radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="142"/>
        <source>Preliminary answer (%1)</source>
        <translation>Réponse préliminaire (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="144"/>
        <source>Answered by %1</source>
        <translation>Répondue par %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="146"/>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="151"/>
        <source>cancellation asked</source>
        <translation>annulation demandée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="161"/>
        <source>Upload interrupted — resume</source>
        <translation>Envoi interrompu — à reprendre</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="164"/>
        <source>(%1 of %2 images on the hub)</source>
        <translation>(%1 images sur %2 sur le hub)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="168"/>
        <source>from the workstation that sent it</source>
        <translation>depuis le poste qui l&apos;a envoyée</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="175"/>
        <source>Another request for the same study</source>
        <translation>Autre demande pour le même examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="180"/>
        <source>(last known well %1)</source>
        <translation>(dernière heure sans symptôme %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="188"/>
        <source>Sent %1 by %2 (%3), last known well %4</source>
        <translation>Envoyée le %1 par %2 (%3), dernière heure sans symptôme %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="202"/>
        <source>To read and acknowledge</source>
        <translation>À lire et accuser réception</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/site_requests_view.py" line="205"/>
        <source>Read by %1 at %2</source>
        <translation>Lu par %1 à %2</translation>
    </message>
</context>
<context>
    <name>SliceBox</name>
    <message>
        <location filename="../../app/ui/viewer/analysis_panel.py" line="310"/>
        <source>Slice (mouse wheel)</source>
        <extracomment>Prefix of the scratch folders holding a run&apos;s decrypted images (review item 7). What the window says of its images: &quot;ready&quot;, &quot;arriving&quot; (the retrieval is still running) or &quot;incomplete&quot; (with the reason naming the incomplete series).</extracomment>
        <translation>Coupe (molette de la souris)</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <location filename="../../app/ui/opinion/suggestion.py" line="36"/>
        <source>Suggested by the analysis — confirm</source>
        <translation>Suggéré par l&apos;analyse — à confirmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/suggestion.py" line="40"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/suggestion.py" line="43"/>
        <source>Confirm the values the analysis suggested; a value you change is yours</source>
        <translation>Confirmer les valeurs suggérées par l&apos;analyse ; une valeur que vous modifiez devient la vôtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/suggestion.py" line="93"/>
        <source>Analysis warnings: %1</source>
        <translation>Avertissements de l&apos;analyse : %1</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <location filename="../../app/ui/ed/entry_fields.py" line="75"/>
        <source>HH:MM  or  DD/MM HH:MM</source>
        <translation>HH:MM  ou  JJ/MM HH:MM</translation>
    </message>
    <message>
        <location filename="../../app/ui/ed/entry_fields.py" line="78"/>
        <source>Type the local time: HH:MM for today (0850 and 8h50 work too), or DD/MM HH:MM, or DD/MM/YYYY HH:MM for another day. The day read and the UTC offset are shown beside the field and sent with the time.</source>
        <translation>Saisissez l&apos;heure locale : HH:MM pour aujourd&apos;hui (0850 et 8h50 sont aussi acceptés), ou JJ/MM HH:MM, ou JJ/MM/AAAA HH:MM pour un autre jour. Le jour retenu et le décalage UTC s&apos;affichent à côté du champ et sont envoyés avec l&apos;heure.</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="21"/>
        <source>intraparenchymal</source>
        <translation>intraparenchymateuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="24"/>
        <source>subarachnoid</source>
        <translation>sous-arachnoïdienne</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="25"/>
        <source>subdural</source>
        <translation>sous-durale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="26"/>
        <source>extradural</source>
        <translation>extradurale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="27"/>
        <source>intraventricular</source>
        <translation>intraventriculaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="30"/>
        <source>haemorrhagic transformation</source>
        <translation>transformation hémorragique</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="38"/>
        <source>cervical ICA</source>
        <translation>ACI cervicale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="39"/>
        <source>carotid T</source>
        <translation>T carotidien</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="40"/>
        <source>M1</source>
        <translation>M1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="41"/>
        <source>M2</source>
        <translation>M2</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="42"/>
        <source>M3/distal MCA</source>
        <translation>M3/ACM distale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="43"/>
        <source>ACA</source>
        <translation>ACA</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="44"/>
        <source>vertebral artery</source>
        <translation>artère vertébrale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="45"/>
        <source>basilar artery</source>
        <translation>tronc basilaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="46"/>
        <source>PCA</source>
        <translation>ACP</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="52"/>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="53"/>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="54"/>
        <source>bilateral</source>
        <translation>bilatérale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="55"/>
        <source>midline</source>
        <translation>médiane</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="67"/>
        <source>left %1</source>
        <comment>a segment: M1, M2, T</comment>
        <translation>%1 gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="68"/>
        <source>right %1</source>
        <comment>a segment: M1, M2, T</comment>
        <translation>%1 droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="69"/>
        <source>bilateral %1</source>
        <comment>a segment: M1, M2, T</comment>
        <translation>%1 bilatéral</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="72"/>
        <source>midline %1</source>
        <comment>a segment: M1, M2, T</comment>
        <translation>%1 médian</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="78"/>
        <source>left %1</source>
        <translation>%1 gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="79"/>
        <source>right %1</source>
        <translation>%1 droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="80"/>
        <source>bilateral %1</source>
        <translation>%1 bilatérale</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="81"/>
        <source>midline %1</source>
        <translation>%1 médiane</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="93"/>
        <source>left</source>
        <comment>hemisphere</comment>
        <extracomment>Occlusion sites named as a segment of an artery (&quot;M1&quot;), not as an artery (&quot;ICA&quot;).</extracomment>
        <translation>gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="94"/>
        <source>right</source>
        <comment>hemisphere</comment>
        <translation>droit</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="95"/>
        <source>bilateral</source>
        <comment>hemisphere</comment>
        <translation>bilatéral</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="96"/>
        <source>midline</source>
        <comment>hemisphere</comment>
        <translation>médian</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="101"/>
        <source>Not assessed</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="105"/>
        <source>Decision pending further imaging</source>
        <translation>Décision en attente d&apos;imagerie complémentaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="110"/>
        <source>NO HAEMORRHAGE</source>
        <translation>PAS D&apos;HÉMORRAGIE</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="116"/>
        <source>%1 mL (ABC/2)</source>
        <translation>%1 mL (ABC/2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="122"/>
        <source>HAEMORRHAGE: %1</source>
        <translation>HÉMORRAGIE : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="123"/>
        <source>HAEMORRHAGE</source>
        <translation>HÉMORRAGIE</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="130"/>
        <source>No vessel occlusion</source>
        <translation>Pas d&apos;occlusion artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="132"/>
        <source>site not given</source>
        <translation>site non précisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="136"/>
        <source>OCCLUSION: %1 (tandem lesion)</source>
        <translation>OCCLUSION : %1 (lésion en tandem)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="138"/>
        <source>OCCLUSION: %1</source>
        <translation>OCCLUSION : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="141"/>
        <source>Not assessable: no angiography available</source>
        <translation>Non évaluable : pas d&apos;angiographie disponible</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="144"/>
        <source>Not assessed (no angiography read)</source>
        <translation>Non évalué (pas d&apos;angiographie lue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="150"/>
        <source>No imaging contraindication</source>
        <translation>Pas de contre-indication en imagerie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="154"/>
        <source>CONTRAINDICATED: %1</source>
        <translation>CONTRE-INDIQUÉE : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="157"/>
        <source>CONTRAINDICATED</source>
        <translation>CONTRE-INDIQUÉE</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="166"/>
        <source>CANDIDATE: transfer to a thrombectomy centre</source>
        <translation>CANDIDAT : transfert vers un centre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="170"/>
        <source>Not a candidate</source>
        <translation>Non candidat</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="195"/>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="197"/>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="214"/>
        <source>affected: %1</source>
        <translation>régions atteintes : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="225"/>
        <source>Early ischaemic signs</source>
        <translation>Signes précoces d&apos;ischémie</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="228"/>
        <source>Hyperdense artery sign</source>
        <translation>Hyperdensité artérielle</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="234"/>
        <source>%1/10 (%2 hemisphere)</source>
        <translation>%1/10 (hémisphère %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="244"/>
        <source>Tandem lesion</source>
        <translation>Lésion en tandem</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="247"/>
        <source>Dissection</source>
        <translation>Dissection</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="248"/>
        <source>Suspected</source>
        <translation>Suspectée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="254"/>
        <source>core %1 mL (%2), hypoperfusion %3 mL (%4), penumbra %5 mL, mismatch ratio %6</source>
        <translation>cœur %1 mL (%2), hypoperfusion %3 mL (%4), pénombre %5 mL, ratio de mismatch %6</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="264"/>
        <source>, HIR %1</source>
        <translation>, HIR %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="265"/>
        <source>Perfusion</source>
        <translation>Perfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="275"/>
        <source>DWI lesion</source>
        <translation>Lésion en diffusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="277"/>
        <source>DWI/FLAIR mismatch</source>
        <translation>Mismatch diffusion/FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="279"/>
        <source>Other findings</source>
        <translation>Autres constatations</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="285"/>
        <source>Limitations</source>
        <translation>Limites de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="286"/>
        <source>None stated</source>
        <translation>Aucune signalée</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="291"/>
        <source>Other recommendation</source>
        <translation>Autre recommandation</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="294"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="312"/>
        <source>measured by %1, confirmed by the radiologist</source>
        <translation>mesuré par %1, confirmé par le radiologue</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="315"/>
        <source>measured by %1</source>
        <translation>mesuré par %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="320"/>
        <source>%1 removed by the radiologist (software: %2)</source>
        <translation>%1 retiré par le radiologue (logiciel : %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/opinion/verdict_words.py" line="322"/>
        <source>%1 changed by the radiologist (software: %2)</source>
        <translation>%1 modifié par le radiologue (logiciel : %2)</translation>
    </message>
</context>
<context>
    <name>Viewer2D</name>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="148"/>
        <source>No image received yet</source>
        <translation>Aucune image reçue pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="150"/>
        <source>Image %1 / %2</source>
        <translation>Image %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="160"/>
        <source>ordered by position along the normal</source>
        <translation>triées par position le long de la normale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="162"/>
        <source>ordered by Instance Number and frame (no position of its own)</source>
        <translation>ordonnées par numéro d&apos;instance et de trame (pas de position propre)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="164"/>
        <source>other orientation than the rest: shown after them, along its normal</source>
        <translation>orientation différente des autres : montrée après elles, le long de sa normale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="292"/>
        <source>colour image</source>
        <translation>image couleur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/viewer2d.py" line="297"/>
        <source>2-D viewer — not a volume: %1</source>
        <translation>Visionneuse 2D — pas un volume : %1</translation>
    </message>
</context>
<context>
    <name>ViewerToolBar</name>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="47"/>
        <source>Viewer tools</source>
        <translation>Outils de la visionneuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="52"/>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="56"/>
        <source>Brain</source>
        <translation>Cerveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="57"/>
        <source>Stroke</source>
        <translation>AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="58"/>
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="59"/>
        <source>Bone</source>
        <translation>Os</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="60"/>
        <source>Angio</source>
        <translation>Angio</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="65"/>
        <source>Series window  [0]</source>
        <translation>Fenêtre de la série  [0]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="66"/>
        <source>Automatic (percentiles)  [A]</source>
        <translation>Automatique (percentiles)  [A]</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="67"/>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="72"/>
        <source>Slab</source>
        <translation>Épaisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="77"/>
        <source>Thin</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="77"/>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="77"/>
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="77"/>
        <source>Average</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="81"/>
        <source>Slab projection (M cycles)</source>
        <translation>Projection de l&apos;épaisseur (M pour changer)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="90"/>
        <source>Slab thickness (+ / -)</source>
        <translation>Épaisseur de la projection (+ / -)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="98"/>
        <source>Navigate</source>
        <translation>Naviguer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="98"/>
        <source>Crosshair, scroll, window (Esc)</source>
        <translation>Réticule, défilement, fenêtrage (Échap)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="99"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="99"/>
        <source>Two clicks measure a distance (D)</source>
        <translation>Deux clics mesurent une distance (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="100"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="100"/>
        <source>Two corners of an ellipse: mean, SD, area (E)</source>
        <translation>Deux coins d&apos;une ellipse : moyenne, écart type, surface (E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="110"/>
        <source>ABC/2…</source>
        <translation>ABC/2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="111"/>
        <source>Haemorrhage volume by ABC/2</source>
        <translation>Volume de l&apos;hématome par ABC/2</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="115"/>
        <source>Oblique</source>
        <translation>Oblique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="117"/>
        <source>Left drag turns the planes (O; ctrl + drag anytime)</source>
        <translation>Le glisser gauche fait tourner les plans (O ; ctrl + glisser à tout moment)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="120"/>
        <source>Crosshair</source>
        <translation>Réticule</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="123"/>
        <source>Show or hide the crosshair lines (C)</source>
        <translation>Afficher ou masquer les lignes du réticule (C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="126"/>
        <source>3D: volume rendering</source>
        <translation>3D : rendu volumique</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="128"/>
        <source>3-D view: MIP or volume rendering (CTA preset)</source>
        <translation>Vue 3D : MIP ou rendu volumique (préréglage angio-TDM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="131"/>
        <source>Remove bone</source>
        <translation>Retirer l&apos;os</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="135"/>
        <source>3-D view: hide the skull so the vessels show (on for a CT angiography)</source>
        <translation>Vue 3D : masquer le crâne pour voir les vaisseaux (activé pour un angioscanner)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="139"/>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="140"/>
        <source>Fit the views, undo the oblique rotation (R)</source>
        <translation>Ajuster les vues, annuler la rotation oblique (R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="143"/>
        <source>Stroke analysis</source>
        <translation>Analyse de l&apos;AVC</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="146"/>
        <source>CT perfusion maps, ADC core, DWI–FLAIR mismatch: suggestions to confirm</source>
        <translation>Cartes de perfusion TDM, cœur ADC, mismatch diffusion–FLAIR : suggestions à confirmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="152"/>
        <source>Layout</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="156"/>
        <source>The view under the pointer alone (Ctrl+1; F and back)</source>
        <translation>La vue sous le pointeur seule (Ctrl+1 ; F pour revenir)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="157"/>
        <source>The three planes in a row (Ctrl+3)</source>
        <translation>Les trois plans côte à côte (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/toolbar.py" line="158"/>
        <source>The three planes and the 3-D view (Ctrl+4)</source>
        <translation>Les trois plans et la vue 3D (Ctrl+4)</translation>
    </message>
</context>
<context>
    <name>ViewerWarnings</name>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="95"/>
        <source>{label}: {note}</source>
        <translation>{label} : {note}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="96"/>
        <source>skipped {why}</source>
        <translation>ignoré : {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="97"/>
        <source>skipped {file}: no (0020,000E) Series Instance UID</source>
        <translation>ignoré : {file} : pas de (0020,000E) Series Instance UID</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="100"/>
        <source>{file}: malformed or truncated DICOM ({problem})</source>
        <translation>{file} : DICOM mal formé ou tronqué ({problem})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="103"/>
        <source>{file}: not a DICOM file</source>
        <translation>{file} : pas un fichier DICOM</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="106"/>
        <source>{file}: not a DICOM file ({problem})</source>
        <translation>{file} : pas un fichier DICOM ({problem})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="109"/>
        <source>{count} image(s) received twice (same SOP Instance UID): one copy used</source>
        <translation>{count} image(s) reçue(s) deux fois (même SOP Instance UID) : une seule copie utilisée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="113"/>
        <source>duplicate slice positions: {count} image(s) at the position of another ({positions}); the lowest Instance Number is shown, the others are left out</source>
        <translation>positions de coupe en double : {count} image(s) à la position d&apos;une autre ({positions}) ; le plus petit Instance Number est affiché, les autres sont écartées</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="118"/>
        <source>gantry tilt: slice positions step {degrees}° off the slice normal; the volume keeps the acquired, sheared geometry</source>
        <translation>inclinaison du statif : les positions des coupes s&apos;écartent de {degrees}° de la normale aux coupes ; le volume garde la géométrie acquise, cisaillée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="123"/>
        <source>gantry tilt: slice positions step {degrees}° off the slice normal; (0018,1120) Gantry/Detector Tilt {declared}°; the volume keeps the acquired, sheared geometry</source>
        <translation>inclinaison du statif : les positions des coupes s&apos;écartent de {degrees}° de la normale aux coupes ; (0018,1120) Gantry/Detector Tilt {declared}° ; le volume garde la géométrie acquise, cisaillée</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="129"/>
        <source>(0018,1120) Gantry/Detector Tilt is {declared}° but the slice positions show no shear: geometry taken from the positions</source>
        <translation>(0018,1120) Gantry/Detector Tilt vaut {declared}° mais les positions des coupes ne montrent aucun cisaillement : géométrie tirée des positions</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="134"/>
        <source>(0028,1053) Rescale Slope / (0028,1052) Rescale Intercept differ between slices ({count} different values): applied slice by slice</source>
        <translation>(0028,1053) Rescale Slope / (0028,1052) Rescale Intercept diffèrent entre les coupes ({count} valeurs différentes) : appliqués coupe par coupe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="139"/>
        <source>uneven slice spacing: slices up to {offset} mm ({fraction} of the {spacing} mm spacing) from a regular grid (acquired at {acquired}, shown at {shown}); each slice is shown at its nearest grid place</source>
        <translation>espacement irrégulier des coupes : coupes jusqu&apos;à {offset} mm ({fraction} de l&apos;espacement de {spacing} mm) d&apos;une grille régulière (acquise à {acquired}, affichée à {shown}) ; chaque coupe est affichée à la place la plus proche de la grille</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="145"/>
        <source>slice positions up to {offset} mm ({fraction} of a pixel) off a straight line: each slice is shown on the line</source>
        <translation>positions des coupes jusqu&apos;à {offset} mm ({fraction} d&apos;un pixel) hors d&apos;une ligne droite : chaque coupe est affichée sur la ligne</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="150"/>
        <source>{count} slice(s) missing between {first} and {second}: shown as not loaded</source>
        <translation>{count} coupe(s) manquante(s) entre {first} et {second} : affichée(s) comme non chargée(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="154"/>
        <source>mixed orientations in one series ({planes}): split into {count} parts</source>
        <translation>orientations mélangées dans une série ({planes}) : séparée en {count} parties</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="158"/>
        <source>mixed image sizes in one series ({sizes}): split into {count} parts</source>
        <translation>tailles d&apos;image mélangées dans une série ({sizes}) : séparée en {count} parties</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="161"/>
        <source>not a volume: {what}: {reason}</source>
        <translation>pas un volume : {what} : {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="164"/>
        <source>not a volume: {reason}</source>
        <translation>pas un volume : {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="167"/>
        <source>{count} instance(s) not received: {shown}</source>
        <translation>{count} instance(s) non reçue(s) : {shown}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="170"/>
        <source>not a volume: {count} image(s): {reason}</source>
        <translation>pas un volume : {count} image(s) : {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="173"/>
        <source>{file}: could not be read ({problem}); shown as not loaded</source>
        <translation>{file} : illisible ({problem}) ; affiché comme non chargé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="176"/>
        <source>{file}: pixel data not decoded ({problem}); shown as not loaded</source>
        <translation>{file} : pixels non décodés ({problem}) ; affiché comme non chargé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="179"/>
        <source>{file}: pixel data not decoded ({problem})</source>
        <translation>{file} : pixels non décodés ({problem})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="182"/>
        <source>voxels stored as float32: {problem}</source>
        <translation>voxels stockés en float32 : {problem}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="185"/>
        <source>voxels stored as float32 (values beyond int16)</source>
        <translation>voxels stockés en float32 (valeurs au-delà de int16)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="188"/>
        <source>(0028,0004) MONOCHROME1: low values are displayed bright</source>
        <translation>(0028,0004) MONOCHROME1 : les valeurs basses sont affichées claires</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="191"/>
        <source>(0020,0037) Image Orientation (Patient) is not two unit vectors</source>
        <translation>(0020,0037) Image Orientation (Patient) n&apos;est pas faite de deux vecteurs unitaires</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="194"/>
        <source>(0020,0037) Image Orientation (Patient) is not orthogonal</source>
        <translation>(0020,0037) Image Orientation (Patient) n&apos;est pas orthogonale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="197"/>
        <source>a single slice</source>
        <translation>une seule coupe</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="198"/>
        <source>slices are not distinct along the normal</source>
        <translation>les coupes ne sont pas distinctes le long de la normale</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="201"/>
        <source>uneven slice spacing: steps from {low} to {high} mm along the normal (median {median} mm)</source>
        <translation>espacement irrégulier des coupes : pas de {low} à {high} mm le long de la normale (médiane {median} mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="206"/>
        <source>{missing} slice(s) missing for {present} present (steps up to {high} mm): too sparse for a volume</source>
        <translation>{missing} coupe(s) manquante(s) pour {present} présente(s) (pas jusqu&apos;à {high} mm) : trop clairsemé pour un volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="211"/>
        <source>{uneven}: a slice lies {offset} mm from the nearest place on a regular grid</source>
        <translation>{uneven} : une coupe est à {offset} mm de la place la plus proche sur une grille régulière</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="215"/>
        <source>slice positions are not on a line (up to {offset} mm off, {fraction} of a pixel): irregular table movement or mixed stacks</source>
        <translation>les positions des coupes ne sont pas alignées (jusqu&apos;à {offset} mm d&apos;écart, {fraction} d&apos;un pixel) : mouvement de table irrégulier ou piles mélangées</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="220"/>
        <source>a single image</source>
        <translation>une seule image</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="221"/>
        <source>all images at one position</source>
        <translation>toutes les images à une même position</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="222"/>
        <source>not an image ({sop_class})</source>
        <translation>pas une image ({sop_class})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="223"/>
        <source>not an image (unknown SOP class)</source>
        <translation>pas une image (classe SOP inconnue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="226"/>
        <source>colour image ({photometric}), e.g. a secondary capture</source>
        <translation>image en couleur ({photometric}), par exemple une capture secondaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="229"/>
        <source>segmentation, not an image to read</source>
        <translation>segmentation, pas une image à lire</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="232"/>
        <source>localizer (scout) image</source>
        <translation>image de repérage (scout)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="233"/>
        <source>multi-frame image without (5200,9230) Per-frame Functional Groups geometry</source>
        <translation>image multi-trames sans géométrie (5200,9230) Per-frame Functional Groups</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="237"/>
        <source>(0028,0008) Number of Frames disagrees with (5200,9230) Per-frame Functional Groups</source>
        <translation>(0028,0008) Number of Frames ne concorde pas avec (5200,9230) Per-frame Functional Groups</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="241"/>
        <source>no {tags}: no patient geometry</source>
        <translation>pas de {tags} : pas de géométrie patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="244"/>
        <source>(0028,0030) Pixel Spacing is not positive</source>
        <translation>(0028,0030) Pixel Spacing n&apos;est pas positif</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="247"/>
        <source>CT perfusion: the 4-D series is {shape}, expected (time, {expected})</source>
        <translation>Perfusion CT : la série 4D est {shape}, attendu (temps, {expected})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="250"/>
        <source>CT perfusion: {count} frame time(s) for {frames} frame(s)</source>
        <translation>Perfusion CT : {count} instant(s) pour {frames} phase(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="253"/>
        <source>CT perfusion: frame times do not increase (frame {index} at {time} s, after {previous} s)</source>
        <translation>Perfusion CT : les instants des phases ne sont pas croissants (phase {index} à {time} s, après {previous} s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="258"/>
        <source>CT perfusion: {count} usable frame(s), at least {minimum} needed</source>
        <translation>Perfusion CT : {count} phase(s) utilisable(s), au moins {minimum} nécessaires</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="261"/>
        <source>CT perfusion: no enhancing artery found (no voxel enhances by {threshold} HU or more)</source>
        <translation>Perfusion CT : aucune artère rehaussée trouvée (aucun voxel ne se rehausse de {threshold} UH ou plus)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="265"/>
        <source>CT perfusion: the arterial input point ({point} mm) is outside the images</source>
        <translation>Perfusion CT : le point d&apos;entrée artérielle ({point} mm) est hors des images</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="269"/>
        <source>CT perfusion: the venous output point ({point} mm) is outside the images</source>
        <translation>Perfusion CT : le point de sortie veineuse ({point} mm) est hors des images</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="273"/>
        <source>CT perfusion: no vessel enhances at the arterial input point ({point} mm): peak {peak} HU, at least {threshold} HU needed</source>
        <translation>Perfusion CT : aucun vaisseau ne se rehausse au point d&apos;entrée artérielle ({point} mm) : pic {peak} UH, au moins {threshold} UH nécessaires</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="278"/>
        <source>CT perfusion: no vessel enhances at the venous output point ({point} mm): peak {peak} HU, at least {threshold} HU needed</source>
        <translation>Perfusion CT : aucun vaisseau ne se rehausse au point de sortie veineuse ({point} mm) : pic {peak} UH, au moins {threshold} UH nécessaires</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="283"/>
        <source>CT perfusion: no brain tissue found (pre-contrast {low} to {high} HU)</source>
        <translation>Perfusion CT : aucun tissu cérébral trouvé (avant contraste, de {low} à {high} UH)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="287"/>
        <source>motion: {count} frame(s) excluded ({frames}): their decorrelation from the series exceeds {limit}</source>
        <translation>mouvement : {count} phase(s) exclue(s) ({frames}) : leur décorrélation avec la série dépasse {limit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="292"/>
        <source>truncated bolus: the venous output is still at {percent} % of its peak at the last frame ({time} s); CBF and CBV may be underestimated</source>
        <translation>bolus tronqué : la sortie veineuse est encore à {percent} % de son pic à la dernière phase ({time} s) ; le DSC et le VSC peuvent être sous-estimés</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="297"/>
        <source>truncated bolus: the arterial input is still at {percent} % of its peak at the last frame ({time} s); CBF and CBV may be underestimated</source>
        <translation>bolus tronqué : l&apos;entrée artérielle est encore à {percent} % de son pic à la dernière phase ({time} s) ; le DSC et le VSC peuvent être sous-estimés</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="302"/>
        <source>no venous output found: the arterial input is not rescaled for partial volume</source>
        <translation>aucune sortie veineuse trouvée : l&apos;entrée artérielle n&apos;est pas corrigée du volume partiel</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="306"/>
        <source>ADC units {units} (from {source})</source>
        <translation>Unités de l&apos;ADC {units} (d&apos;après {source})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="309"/>
        <source>ADC units {units}: not stated in the header, decided from the values (typical brain value {typical} as stored)</source>
        <translation>Unités de l&apos;ADC {units} : absentes de l&apos;en-tête, déduites des valeurs (valeur cérébrale typique {typical} telle que stockée)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="314"/>
        <source>ADC units: {source} says {header} but the values (typical brain value {typical} as stored) fit {units}: {units} used</source>
        <translation>Unités de l&apos;ADC : {source} indique {header} mais les valeurs (valeur cérébrale typique {typical} telle que stockée) correspondent à {units} : {units} retenu</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="319"/>
        <source>ADC units not stated in the header: {units} assumed (vendor convention for ADC maps)</source>
        <translation>Unités de l&apos;ADC absentes de l&apos;en-tête : {units} supposé (convention des constructeurs pour les cartes ADC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="323"/>
        <source>ADC units: stored values × {factor} = 10^-6 mm2/s (given)</source>
        <translation>Unités de l&apos;ADC : valeurs stockées × {factor} = 10^-6 mm2/s (fourni)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="326"/>
        <source>typical brain ADC {typical} × 10^-6 mm2/s lies outside 400 to 1600: check the ADC units ({units})</source>
        <translation>ADC cérébral typique {typical} × 10^-6 mm2/s hors de l&apos;intervalle 400 à 1600 : vérifier les unités de l&apos;ADC ({units})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="331"/>
        <source>no brain found on the ADC map: no ADC core measured</source>
        <translation>aucun cerveau trouvé sur la carte ADC : pas de volume de cœur ADC mesuré</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="334"/>
        <source>the ADC map is incomplete: slice(s) {slices} of {total} not loaded; no ADC core measured (it would be underestimated)</source>
        <translation>la carte ADC est incomplète : coupe(s) {slices} sur {total} non chargée(s) ; pas de volume de cœur ADC mesuré (il serait sous-estimé)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="339"/>
        <source>DWI–FLAIR mismatch not assessable: the mirror region holds too little brain tissue ({kept} of {total} voxels: CSF, outside the brain or outside the FLAIR)</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : la région miroir contient trop peu de tissu cérébral ({kept} voxels sur {total} : LCS, hors du cerveau ou hors de la FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="344"/>
        <source>DWI–FLAIR mismatch not assessable: no usable FLAIR signal (mean {lesion} in the lesion, {mirror} in the mirror region)</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : pas de signal FLAIR exploitable (moyenne {lesion} dans la lésion, {mirror} dans la région miroir)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="349"/>
        <source>DWI–FLAIR mismatch not assessable: no FLAIR</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : pas de FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="352"/>
        <source>DWI–FLAIR mismatch not assessable: no DWI lesion (ADC core 0 mL)</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : pas de lésion en diffusion (cœur ADC 0 mL)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="355"/>
        <source>DWI–FLAIR mismatch not assessable: the DWI lesion crosses the midline</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : la lésion en diffusion franchit la ligne médiane</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="359"/>
        <source>DWI–FLAIR mismatch not assessable: FLAIR and ADC are in different frames of reference</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : FLAIR et ADC sont dans des référentiels différents</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="363"/>
        <source>DWI–FLAIR mismatch not assessable: the DWI lesion lies outside the FLAIR</source>
        <translation>Mismatch diffusion–FLAIR non évaluable : la lésion en diffusion est hors du FLAIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="367"/>
        <source>the ADC core is not bright on DWI b1000 (ratio {ratio} to the mirror region): check for an artefact</source>
        <translation>le cœur ADC n&apos;est pas en hypersignal sur la diffusion b1000 (rapport {ratio} à la région miroir) : rechercher un artefact</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="372"/>
        <source>nothing to analyse: {found}</source>
        <translation>rien à analyser : {found}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="375"/>
        <source>no DICOM series</source>
        <translation>aucune série DICOM</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="376"/>
        <source>{kind} series {description} ({images} images)</source>
        <translation>série {kind} {description} ({images} images)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="379"/>
        <source>{kind} series {uid} ({description})</source>
        <translation>série {kind} {uid} ({description})</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="382"/>
        <source>time point(s) {points}: {have} of {expected} slices</source>
        <translation>temps {points} : {have} coupes sur {expected}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="385"/>
        <source>its slice positions hold unequal numbers of images ({counts}): images are missing</source>
        <translation>ses positions de coupe ont des nombres d&apos;images inégaux ({counts}) : des images manquent</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="389"/>
        <source>no acquisition time nor temporal position: cannot order the phases</source>
        <translation>ni heure d&apos;acquisition ni position temporelle : impossible d&apos;ordonner les phases</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="392"/>
        <source>the phase series do not share one geometry: {why}</source>
        <translation>les séries des phases n&apos;ont pas la même géométrie : {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="395"/>
        <source>slices that could not be read (time point/slice): {which}</source>
        <translation>coupes illisibles (temps/coupe) : {which}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="398"/>
        <source>files skipped while reading the study: {files}</source>
        <translation>fichiers ignorés à la lecture de l&apos;examen : {files}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="401"/>
        <source>{series} holds a single time point: not analysed as a CT perfusion</source>
        <translation>{series} n&apos;a qu&apos;un seul temps : non analysée comme une perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="404"/>
        <source>several {kind} series: {chosen} analysed, {others} not</source>
        <translation>plusieurs séries {kind} : {chosen} analysée, pas {others}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="407"/>
        <source>no DWI series: the DWI–FLAIR mismatch is not assessed</source>
        <translation>pas de série de diffusion : le mismatch diffusion–FLAIR n&apos;est pas évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="410"/>
        <source>no FLAIR series: the DWI–FLAIR mismatch is not assessed</source>
        <translation>pas de série FLAIR : le mismatch diffusion–FLAIR n&apos;est pas évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="413"/>
        <source>DWI without an ADC map: the ADC core is not computed</source>
        <translation>diffusion sans carte ADC : le cœur ADC n&apos;est pas calculé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="416"/>
        <source>{what}: {why}</source>
        <translation>{what} : {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="417"/>
        <source>temporal position(s) {positions} missing</source>
        <translation>position(s) temporelle(s) {positions} manquante(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="421"/>
        <source>{have} of {declared} time points (0020,0105 Number of Temporal Positions)</source>
        <translation>{have} temps sur {declared} (0020,0105 Number of Temporal Positions)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="425"/>
        <source>a gap of {gap} s after time point {point} (neighbouring steps about {step} s): time points are missing</source>
        <translation>un écart de {gap} s après le temps {point} (pas voisins d&apos;environ {step} s) : des temps manquent</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="430"/>
        <source>time points {points} have the same acquisition time</source>
        <translation>les temps {points} ont la même heure d&apos;acquisition</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="434"/>
        <source>the single-phase CT perfusion series are not one acquisition: {why}</source>
        <translation>les séries de perfusion scanner à une phase ne forment pas une seule acquisition : {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="438"/>
        <source>{what} is incomplete: slice(s) {slices} not loaded</source>
        <translation>{what} est incomplète : coupe(s) {slices} non chargée(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="442"/>
        <source>{what}: the DWI–FLAIR mismatch is not assessed</source>
        <translation>{what} : le mismatch DWI–FLAIR n&apos;est pas évalué</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="446"/>
        <source>the folder holds several studies: {studies}; put one study per folder</source>
        <translation>le dossier contient plusieurs examens : {studies} ; un examen par dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="450"/>
        <source>patient ID {patient}, study {description} of {date}</source>
        <translation>ID patient {patient}, examen {description} du {date}</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="454"/>
        <source>{options} given but no CT perfusion was analysed: not used</source>
        <translation>{options} donné mais aucune perfusion scanner analysée : non utilisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/words.py" line="482"/>
        <source>series</source>
        <comment>a series&apos; label</comment>
        <translation>série</translation>
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="134"/>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="149"/>
        <source>Series</source>
        <comment>the dock that lists the series</comment>
        <translation>Séries</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="157"/>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="168"/>
        <source>&amp;Protocol</source>
        <translation>&amp;Protocole</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="170"/>
        <source>Cancel loading</source>
        <translation>Annuler le chargement</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="181"/>
        <source>StrokeLink viewer</source>
        <translation>Visionneuse StrokeLink</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="187"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="194"/>
        <source>No images to show: %1</source>
        <translation>Aucune image à afficher : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="196"/>
        <source>The folder could not be read: %1</source>
        <translation>Le dossier n&apos;a pas pu être lu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="265"/>
        <source>Loading stopped: %1</source>
        <translation>Chargement interrompu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="305"/>
        <source>Non-contrast CT</source>
        <translation>Scanner sans injection</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="306"/>
        <source>CT angiography</source>
        <translation>Angioscanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="307"/>
        <source>MR stroke (DWI / ADC / FLAIR)</source>
        <translation>IRM AVC (diffusion / ADC / FLAIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="308"/>
        <source>CT perfusion source images</source>
        <translation>Images sources de perfusion scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="309"/>
        <source>Multiplanar (any series)</source>
        <translation>Multiplanaire (toute série)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="362"/>
        <source>%1 — StrokeLink viewer</source>
        <translation>%1 — Visionneuse StrokeLink</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="366"/>
        <source>Images of %n different patients in this study: check every view&apos;s identity</source>
        <translation>
            <numerusform>Images de %n patient différent dans cet examen : vérifiez l&apos;identité de chaque vue</numerusform>
            <numerusform>Images de %n patients différents dans cet examen : vérifiez l&apos;identité de chaque vue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="391"/>
        <source>%n file(s) skipped: not DICOM or unreadable</source>
        <translation>
            <numerusform>%n fichier ignoré : non DICOM ou illisible</numerusform>
            <numerusform>%n fichiers ignorés : non DICOM ou illisibles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="400"/>
        <source>Loading: %1 of %2 images</source>
        <translation>Chargement : %1 images sur %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="403"/>
        <source>%n series</source>
        <translation>
            <numerusform>%n série</numerusform>
            <numerusform>%n séries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/viewer/window.py" line="406"/>
        <source>%n incomplete</source>
        <translation>
            <numerusform>%n incomplète</numerusform>
            <numerusform>%n incomplètes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer/window.py" line="408"/>
        <source>loading canceled</source>
        <translation>chargement annulé</translation>
    </message>
</context>
<context>
    <name>WhoSigns</name>
    <message>
        <location filename="../../app/ui/worklist/signer_dialog.py" line="288"/>
        <source>Who signs…</source>
        <translation>Qui signe…</translation>
    </message>
</context>
<context>
    <name>WorklistTableModel</name>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="116"/>
        <source>Priority</source>
        <extracomment>Background of the &quot;since last known well&quot; cell per band (see LkwThresholds). The flags column&apos;s badges: a list of :class:`app.ui.worklist.clinical_words.Flag`. Badge key of another open request for the same study. workitem UID -&gt; the other open requests for the same study (set by the window).</extracomment>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="117"/>
        <source>Waiting</source>
        <comment>column: time since the request</comment>
        <translation>Attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="118"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="119"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="120"/>
        <source>Age / sex</source>
        <translation>Âge / sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="121"/>
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="122"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="123"/>
        <source>Since LKW</source>
        <comment>column: time since last known well</comment>
        <translation>Depuis la dernière
heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="124"/>
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="125"/>
        <source>Anticoagulation</source>
        <translation>Anticoagulation</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="126"/>
        <source>Flags</source>
        <comment>column: clinical flags of the request</comment>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="127"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="128"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="129"/>
        <source>Claimed by</source>
        <translation>Pris par</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="194"/>
        <source>Time since the patient was last known well</source>
        <translation>Temps écoulé depuis la dernière heure sans symptôme</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="199"/>
        <source>No longer in this list</source>
        <comment>request state</comment>
        <translation>Plus dans cette liste</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="201"/>
        <source>ED asks to cancel</source>
        <comment>request state</comment>
        <translation>Annulation demandée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="203"/>
        <source>Waiting</source>
        <comment>request state</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="204"/>
        <source>Being read</source>
        <comment>request state</comment>
        <translation>En lecture</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="205"/>
        <source>Answered</source>
        <comment>request state</comment>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="206"/>
        <source>Cancelled</source>
        <comment>request state</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="211"/>
        <source>STAT</source>
        <translation>Immédiate</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="212"/>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="213"/>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="214"/>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="259"/>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="269"/>
        <source>Images incomplete</source>
        <translation>Images incomplètes</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="271"/>
        <source>Images %1/%2</source>
        <translation>Images %1/%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="278"/>
        <source>%1 open requests for this study</source>
        <translation>%1 demandes ouvertes pour cet examen</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="279"/>
        <source>%1 requests</source>
        <translation>%1 demandes</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="284"/>
        <source>Their last-known-well times differ: %1</source>
        <translation>Leurs dernières heures sans symptôme diffèrent : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="285"/>
        <source>LKW %1</source>
        <translation>Dernière heure sans symptôme %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="318"/>
        <source>Not all images are on the hub yet (upload interrupted or still running): the case may be read only in part.</source>
        <translation>Toutes les images ne sont pas encore sur le hub (envoi interrompu ou en cours) : le dossier risque de n&apos;être interprété qu&apos;en partie.</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="323"/>
        <source>The emergency department asks to cancel: %1 (%2)</source>
        <translation>Les urgences demandent l&apos;annulation : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="331"/>
        <source>Within the IV thrombolysis window</source>
        <translation>Dans la fenêtre de thrombolyse IV</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="333"/>
        <source>Past the thrombolysis window; thrombectomy window</source>
        <translation>Hors fenêtre de thrombolyse ; fenêtre de thrombectomie</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="335"/>
        <source>Extended thrombectomy window (imaging selection)</source>
        <translation>Fenêtre étendue de thrombectomie (sélection par l&apos;imagerie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="336"/>
        <source>Beyond the reperfusion windows</source>
        <translation>Au-delà des fenêtres de reperfusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="355"/>
        <source>The ED reports: %1</source>
        <translation>Les urgences signalent : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="361"/>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist/view.py" line="364"/>
        <source>Another request for the same study: %1, last known well %2, %3</source>
        <translation>Autre demande pour le même examen : %1, dernière heure sans symptôme %2, %3</translation>
    </message>
</context>
</TS>
