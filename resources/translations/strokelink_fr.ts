<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main.py" line="48" />
        <source>StrokeLink — worklist</source>
        <translation>StrokeLink — liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="59" />
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="60" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="65" />
        <source>Hub: %1</source>
        <translation>Hub : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="66" />
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main.py" line="99" />
        <source>%n request(s) open — updated %1</source>
        <translation>
            <numerusform>%n demande ouverte — mise à jour %1</numerusform>
            <numerusform>%n demandes ouvertes — mise à jour %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="106" />
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="108" />
        <source>Hub unreachable: %1</source>
        <translation>Hub injoignable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="111" />
        <source>Hub unreachable: %1 — last successful refresh %2</source>
        <translation>Hub injoignable : %1 — dernière actualisation réussie %2</translation>
    </message>
</context>
<context>
    <name>WorklistTableModel</name>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="50" />
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="51" />
        <source>Waiting</source>
        <comment>column: time since the request</comment>
        <translation>Attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="52" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="53" />
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="54" />
        <source>Age / sex</source>
        <translation>Âge / sexe</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="55" />
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="56" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="57" />
        <source>Since last known well</source>
        <translation>Depuis dernière preuve de normalité</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="58" />
        <source>NIHSS</source>
        <translation>NIHSS</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="59" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="60" />
        <source>Claimed by</source>
        <translation>Pris par</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="84" />
        <source>Waiting</source>
        <comment>request state</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="85" />
        <source>Being read</source>
        <comment>request state</comment>
        <translation>En lecture</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="86" />
        <source>Answered</source>
        <comment>request state</comment>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="87" />
        <source>Cancelled</source>
        <comment>request state</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="92" />
        <source>STAT</source>
        <translation>Immédiate</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="93" />
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="94" />
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist_view.py" line="95" />
        <source>Low</source>
        <translation>Basse</translation>
    </message>
</context>
</TS>